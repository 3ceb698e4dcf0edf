package io.meltanodata.siteinstances;

import io.meltanodata.components.contract.ParentChecks;
import com.pulumi.Context;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import io.meltanodata.servicefabric.ServiceFabricOutputs;

/** The Layer 2 stack program: read the fabric, build the site, export the site's contract. */
public final class SiteInstanceProgram {
    public static final String PROJECT = "meltanodata-site-instance";

    private SiteInstanceProgram() {
    }

    public static SiteInstanceOutputs run(Context ctx, SiteInstanceConfig config) {
        var reference = new StackReference("service-fabric", StackReferenceArgs.builder().name(config.fabricStack()).build());
        ServiceFabricOutputs fabric = ServiceFabricOutputs.read(reference);
        var checked = ParentChecks.of(ctx)
                .same("aws:region", config.region(), fabric.region(), "the region of fabric stack " + config.fabricStack())
                .passed(reference);
        SiteInstance site = new SiteInstance(config, fabric, config.fabricName(), checked);
        site.outputs().exportTo(ctx);
        return site.outputs();
    }

}
