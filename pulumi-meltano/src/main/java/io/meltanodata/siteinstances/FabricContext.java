package io.meltanodata.siteinstances;

import com.pulumi.core.Output;
import io.meltanodata.servicefabric.ServiceFabricOutputs;

/** The parts of the fabric's contract a site builds on, combined once. */
record FabricContext(ServiceFabricOutputs fabric) {

    /**
     * Everything a site's policy is written against, once the site's key and bucket exist: the
     * bucket's name is the created bucket's, so no policy names a bucket this site did not create.
     */
    Output<SiteArns> arns(String site, Output<String> bucket, Output<String> keyArn) {
        return Output.tuple(fabric.accountId(), fabric.region(), fabric.fabricName(), keyArn, fabric.clusterArn(),
                        fabric.jobLogGroupName(), bucket)
                .applyValue(t -> new SiteArns(t.t1, t.t2, t.t3, site, t.t7, t.t4, t.t5, t.t6));
    }
}
