import com.pulumi.Pulumi;
import com.pulumi.core.Output;

/** One stack output, no resources: what every Pulumi Java program pays before its first resource. */
public final class HelloWorld {
    public static void main(String[] args) {
        Pulumi.run(ctx -> ctx.export("greeting", Output.of("hello")));
    }
}
