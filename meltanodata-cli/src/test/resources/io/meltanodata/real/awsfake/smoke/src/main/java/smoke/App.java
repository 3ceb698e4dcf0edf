package smoke;

import com.pulumi.Pulumi;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/** One resource of each kind the fake must shape, with the options destroy must honour. */
public class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            ctx.export("accountId", AwsFunctions.getCallerIdentity().applyValue(i -> i.accountId()));
            var bucket = new BucketV2("data", BucketV2Args.builder().bucket("smoke-data")
                    .tags(Map.of("meltanodata:layer", "smoke")).build(),
                    CustomResourceOptions.builder().retainOnDelete(true).build());
            var role = new Role("role", RoleArgs.builder().name("smoke-role").path("/meltanodata/")
                    .assumeRolePolicy("{\"Version\":\"2012-10-17\",\"Statement\":[]}").build());
            var key = new Key("key", KeyArgs.builder().description("smoke").build(),
                    CustomResourceOptions.builder().protect(true).build());
            var cluster = new Cluster("cluster", ClusterArgs.builder().name("smoke").roleArn(role.arn())
                    .vpcConfig(ClusterVpcConfigArgs.builder().subnetIds("subnet-1").build()).build());
            ctx.export("bucketArn", bucket.arn());
            ctx.export("roleArn", role.arn());
            ctx.export("keyArn", key.arn());
            ctx.export("endpoint", cluster.endpoint());
            ctx.export("ca", cluster.certificateAuthority().applyValue(c -> c.data().orElseThrow()));
            ctx.export("issuer", cluster.identities().applyValue(i -> i.get(0).oidcs().get(0).issuer().orElseThrow()));
        });
    }
}
