package io.meltanodata.siteinstances;

import com.pulumi.core.Output;
import io.meltanodata.servicefabric.ServiceFabricOutputs;

/** The parts of the fabric's contract a site builds on, combined once. */
record FabricContext(ServiceFabricOutputs fabric) {

    /** Everything a site's policy is written against, once the site's key exists. */
    Output<SiteArns> arns(String site, String bucket, Output<String> keyArn) {
        return Output.tuple(fabric.accountId(), fabric.region(), fabric.fabricName(), keyArn, fabric.clusterArn(),
                        fabric.jobLogGroupName())
                .applyValue(t -> new SiteArns(t.t1, t.t2, t.t3, site, bucket, t.t4, t.t5, t.t6));
    }
}
