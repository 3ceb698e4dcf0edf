import com.pulumi.Pulumi;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.core.Output;

/**
 * One stack output, no resources: what every Pulumi Java program pays before its first resource.
 * With the stack config {@code hello-world:awsResource} set to {@code true}, also one AWS resource: what
 * every program that uses AWS pays besides, the AWS provider's start and one Check and Diff.
 */
public final class HelloWorld {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            ctx.export("greeting", Output.of("hello"));
            if (ctx.config().getBoolean("awsResource").orElse(false)) {
                new LogGroup("floor", LogGroupArgs.builder().retentionInDays(1).build());
            }
        });
    }
}
