package io.meltanodata.environments;

import java.util.List;
import io.meltanodata.components.contract.ParentChecks;
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
        HostedProjectOutputs project = HostedProjectOutputs.read(reference);
        String parent = "project stack " + config.projectStack();
        var checked = ParentChecks.of(ctx)
                .same("meltanodata:fabric", config.fabric(), project.site().fabricName(), "the fabric " + parent + " runs on")
                .same("aws:region", config.region(), project.site().region(), "the region of " + parent)
                .within("meltanodata:environment", List.of(config.environment()), project.environments(),
                        "an environment of the project's meltano.yml")
                .within("meltanodata:schedules", config.schedules(), project.schedules().applyValue(all -> all.stream()
                        .map(s -> String.valueOf(s.get("name"))).toList()), "schedules of the project's meltano.yml")
                .noneOf("meltanodata:schedules", config.schedules(), project.schedules().applyValue(all -> all.stream()
                        .filter(s -> s.get("broken") != null && !String.valueOf(s.get("broken")).isEmpty())
                        .collect(java.util.stream.Collectors.toMap(s -> String.valueOf(s.get("name")),
                                s -> String.valueOf(s.get("broken"))))), "a schedule that cannot run")
                .within("meltanodata:services", config.services(), project.services(),
                        "plugin commands of the project's meltano.yml the platform image can serve")
                .passed(reference);
        ActivatedEnvironment environment = new ActivatedEnvironment(config, project, checked);
        environment.outputs().exportTo(ctx);
        return environment.outputs();
    }
}
