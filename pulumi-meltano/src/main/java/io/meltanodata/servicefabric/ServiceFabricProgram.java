package io.meltanodata.servicefabric;

import com.pulumi.Context;

/** The Layer 1 stack program: the fabric, and its contract exported as stack outputs. */
public final class ServiceFabricProgram {
    public static final String PROJECT = "meltanodata-service-fabric";

    private ServiceFabricProgram() {
    }

    public static ServiceFabricOutputs run(Context ctx, ServiceFabricConfig config) {
        var zones = AvailabilityZones.of(config, "Pulumi." + ctx.stackName() + ".yaml");
        ServiceFabric fabric = new ServiceFabric(config.fabricName(), config, zones);
        fabric.outputs().exportTo(ctx);
        return fabric.outputs();
    }
}
