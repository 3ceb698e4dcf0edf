package io.meltanodata.environments;

import com.pulumi.Context;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import io.meltanodata.projects.HostedProjectOutputs;

/** The Layer 4 stack program: read the project, build the environment, export its contract. */
public final class ActivatedEnvironmentProgram {
    public static final String PROJECT = "meltanodata-activated-environment";

    private ActivatedEnvironmentProgram() {
    }

    public static ActivatedEnvironmentOutputs run(Context ctx, ActivatedEnvironmentConfig config) {
        var reference = new StackReference("hosted-project", StackReferenceArgs.builder().name(config.projectStack()).build());
        ActivatedEnvironment environment = new ActivatedEnvironment(config, HostedProjectOutputs.read(reference));
        environment.outputs().exportTo(ctx);
        return environment.outputs();
    }
}
