package io.meltanodata.deployments.servicefabric;

import io.meltanodata.components.LayerApp;
import io.meltanodata.servicefabric.ServiceFabricConfig;
import io.meltanodata.servicefabric.ServiceFabricProgram;

/** {@code pulumi up} entry point of Layer 1. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        LayerApp.run(ServiceFabricConfig::load, ServiceFabricProgram::run);
    }
}
