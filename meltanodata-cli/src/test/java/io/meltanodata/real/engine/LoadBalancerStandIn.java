package io.meltanodata.real.engine;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What EKS Auto Mode's load balancing capability reports for an Ingress of its IngressClass
 * (controller {@value #CONTROLLER}): the address of the Application Load Balancer it made. That
 * controller creates the load balancer in AWS, so no real counterpart runs beside the test's
 * control plane; the Kubernetes provider waits for this address before it calls an Ingress
 * created. Once a second, every such Ingress without an address gets one. Nothing else is
 * answered here: rollouts, endpoints, quota and deletion come from the real controllers
 * ({@link io.meltanodata.real.kube.ControlPlane}).
 */
final class LoadBalancerStandIn implements AutoCloseable {
    static final String CONTROLLER = "eks.amazonaws.com/alb";
    private final KubernetesClient client;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "load-balancer-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    private LoadBalancerStandIn(KubernetesClient client) {
        this.client = client;
    }

    static LoadBalancerStandIn start(KubernetesClient client) {
        LoadBalancerStandIn standIn = new LoadBalancerStandIn(client);
        standIn.timer.scheduleWithFixedDelay(standIn::pass, 0, 1, TimeUnit.SECONDS);
        return standIn;
    }

    private void pass() {
        try {
            client.network().v1().ingresses().inAnyNamespace().list().getItems().stream()
                    .filter(this::ofAutoMode).filter(i -> !hasAddress(i)).forEach(this::address);
        } catch (KubernetesClientException e) {
            boolean expected = e.getCode() == 404 || e.getCode() == 409 || timer.isShutdown();
            if (!expected && reported.add(e.getMessage())) {
                System.err.println("load balancer stand-in: " + e.getMessage() + " (" + e.getCause() + ")");
            }
        }
    }

    private boolean ofAutoMode(Ingress ingress) {
        String className = ingress.getSpec().getIngressClassName();
        if (className == null) {
            return false;
        }
        var ingressClass = client.network().v1().ingressClasses().withName(className).get();
        return ingressClass != null && CONTROLLER.equals(ingressClass.getSpec().getController());
    }

    private static boolean hasAddress(Ingress ingress) {
        return ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null
                && ingress.getStatus().getLoadBalancer().getIngress() != null
                && !ingress.getStatus().getLoadBalancer().getIngress().isEmpty();
    }

    private void address(Ingress ingress) {
        client.network().v1().ingresses().inNamespace(ingress.getMetadata().getNamespace())
                .withName(ingress.getMetadata().getName()).editStatus(i -> {
                    i.setStatus(new IngressStatusBuilder().withNewLoadBalancer().withIngress(
                            new IngressLoadBalancerIngressBuilder().withHostname("k8s-standin.elb.amazonaws.com").build())
                            .endLoadBalancer().build());
                    return i;
                });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
