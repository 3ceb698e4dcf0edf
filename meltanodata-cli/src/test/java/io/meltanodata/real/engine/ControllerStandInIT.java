package io.meltanodata.real.engine;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meltanodata.real.kube.KubeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stand-in ends deletions the way kube-controller-manager would, on a real kube-apiserver:
 * the Kubernetes provider deletes in the foreground and waits, so an object that never goes
 * hangs {@code pulumi destroy}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControllerStandInIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private KubeApiServer kube;
    private ControllerStandIn controllers;
    private KubernetesClient client;

    @BeforeAll
    void start() {
        kube = KubeApiServer.start(Path.of("target/controller-stand-in-it"));
        client = kube.admin();
        controllers = ControllerStandIn.start(client);
    }

    @AfterAll
    void stop() {
        if (controllers != null) {
            controllers.close();
        }
        if (kube != null) {
            kube.close();
        }
    }

    @Test
    void aNamespaceDeletedInTheForegroundGoes() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("env-a").endMetadata().build())
                .create();
        client.configMaps().inNamespace("env-a").resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
                .endMetadata().build()).create();
        client.configMaps().inNamespace("env-a").withName("settings")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        client.namespaces().withName("env-a").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        assertTrue(eventually(() -> client.namespaces().withName("env-a").get() == null),
                "namespace env-a still there: " + client.namespaces().withName("env-a").get());
    }

    @Test
    void aConfigMapDeletedInTheForegroundGoes() {
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("c")
                .endMetadata().build()).create();
        client.configMaps().inNamespace("default").withName("c").withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();
        assertTrue(eventually(() -> client.configMaps().inNamespace("default").withName("c").get() == null),
                "config map c still there");
    }

    private static boolean eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
