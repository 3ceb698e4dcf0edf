package io.meltanodata.environments;

import com.pulumi.Context;
import com.pulumi.core.Output;
import io.meltanodata.components.contract.OutputKey;
import io.meltanodata.components.contract.StackOutputs;

import java.util.List;
import java.util.Map;

/** The Layer 4 contract: what an Activated Environment stack exports (read by the lifecycle commands). */
public record ActivatedEnvironmentOutputs(
        Output<String> namespace,
        Output<String> environment,
        Output<String> ref,
        Output<List<String>> services,
        Output<List<Map<String, Object>>> schedules,
        Output<String> stateBackendUri,
        Output<String> artifactsUri,
        Output<String> archiveUri,
        Output<String> roleArn,
        Output<String> ttl,
        Output<Boolean> archiveOnDispose,
        Output<String> budgetName) {

    public static final OutputKey<String> NAMESPACE = OutputKey.text("namespace");
    public static final OutputKey<String> ENVIRONMENT = OutputKey.text("environment");
    public static final OutputKey<String> REF = OutputKey.text("ref");
    public static final OutputKey<List<String>> SERVICES = OutputKey.textList("services");
    public static final OutputKey<List<Map<String, Object>>> SCHEDULES = OutputKey.mapList("schedules");
    public static final OutputKey<String> STATE_BACKEND_URI = OutputKey.text("stateBackendUri");
    public static final OutputKey<String> ARTIFACTS_URI = OutputKey.text("artifactsUri");
    public static final OutputKey<String> ARCHIVE_URI = OutputKey.text("archiveUri");
    public static final OutputKey<String> ROLE_ARN = OutputKey.text("roleArn");
    public static final OutputKey<String> TTL = OutputKey.text("ttl");
    public static final OutputKey<Boolean> ARCHIVE_ON_DISPOSE = OutputKey.bool("archiveOnDispose");
    public static final OutputKey<String> BUDGET_NAME = OutputKey.text("budgetName");

    public static final List<String> NAMES = List.of(NAMESPACE.name(), ENVIRONMENT.name(), REF.name(), SERVICES.name(),
            SCHEDULES.name(), STATE_BACKEND_URI.name(), ARTIFACTS_URI.name(), ARCHIVE_URI.name(), ROLE_ARN.name(),
            TTL.name(), ARCHIVE_ON_DISPOSE.name(), BUDGET_NAME.name());

    public void exportTo(Context ctx) {
        StackOutputs.export(ctx, NAMESPACE, namespace);
        StackOutputs.export(ctx, ENVIRONMENT, environment);
        StackOutputs.export(ctx, REF, ref);
        StackOutputs.export(ctx, SERVICES, services);
        StackOutputs.export(ctx, SCHEDULES, schedules);
        StackOutputs.export(ctx, STATE_BACKEND_URI, stateBackendUri);
        StackOutputs.export(ctx, ARTIFACTS_URI, artifactsUri);
        StackOutputs.export(ctx, ARCHIVE_URI, archiveUri);
        StackOutputs.export(ctx, ROLE_ARN, roleArn);
        StackOutputs.export(ctx, TTL, ttl);
        StackOutputs.export(ctx, ARCHIVE_ON_DISPOSE, archiveOnDispose);
        StackOutputs.export(ctx, BUDGET_NAME, budgetName);
    }
}
