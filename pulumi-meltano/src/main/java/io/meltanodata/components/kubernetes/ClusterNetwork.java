package io.meltanodata.components.kubernetes;

/**
 * The cluster's Service address range, fixed so that every layer knows the DNS address pods are
 * given. EKS would pick 10.100.0.0/16 or 172.20.0.0/16 itself; the fabric sets the latter
 * explicitly ({@code kubernetesNetworkConfig.serviceIpv4Cidr}, EKS API Reference,
 * KubernetesNetworkConfigRequest: private, /24 to /12, not overlapping the VPC), and refuses a VPC
 * CIDR that overlaps it.
 *
 * <p>On EKS Auto Mode no CoreDNS pods exist: "Auto Mode nodes utilize CoreDNS running as a system
 * service directly on each node" (EKS User Guide, "Learn about VPC Networking and Load Balancing
 * in EKS Auto Mode", https://docs.aws.amazon.com/eks/latest/userguide/auto-networking.html). Pods
 * still resolve through the cluster DNS address, the tenth of the Service range, which the node
 * answers itself; a NetworkPolicy must therefore admit that address, not a namespace's pods.
 */
public final class ClusterNetwork {
    public static final String SERVICE_CIDR = "172.20.0.0/16";
    public static final String DNS_ADDRESS = "172.20.0.10";

    private ClusterNetwork() {
    }
}
