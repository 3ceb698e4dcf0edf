package io.meltanodata.real.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meltanodata.testing.RealTools;
import io.meltanodata.testing.Trees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Kubernetes control plane for tests: etcd and kube-apiserver (pinned, built by
 * {@code scripts/real-tools.sh}), on free loopback ports, with certificates generated for the
 * run. Authentication is a static token file; authorization is RBAC; admission is the API
 * server's default chain (ValidatingAdmissionPolicy and PodSecurity included). Started with
 * {@link #start(Path)}, no controller, scheduler or kubelet runs beside it: objects are stored and
 * judged, never acted on, and ResourceQuota admission is off (nothing would compute a quota's
 * usage). {@link #startForControlPlane(Path)} keeps ResourceQuota admission on, for a
 * {@link ControlPlane} started beside it.
 *
 * <p>What another suite needs to point a client (or a fake EKS cluster) at it:
 * <ul>
 *   <li>{@link #endpoint()}: {@code https://127.0.0.1:<port>}, the cluster's API endpoint;</li>
 *   <li>{@link #caBase64()} (and {@link #caPem()}): the CA that signed the serving certificate,
 *       as EKS reports it in {@code certificateAuthority.data} (base64 of the PEM);</li>
 *   <li>{@link #adminToken()}: a bearer token of user {@code platform-admin} in group
 *       {@code system:masters}, what a fake {@code aws eks get-token} hands out.</li>
 * </ul>
 * {@link #admin()} is a client with that token; {@link #clientAs(String, String...)}
 * impersonates a user and groups (a site group, or a service account
 * {@code system:serviceaccount:<namespace>:<name>}), so RBAC and admission judge that principal.
 *
 * <p>{@link #close()} stops both processes; a shutdown hook does it too if the JVM exits first.
 */
public final class KubeApiServer implements AutoCloseable {
    public static final String ADMIN_USER = "platform-admin";

    private final Path workDir;
    private final boolean controlPlane;
    private final TestPki pki;
    private final String adminToken;
    private final LocalProcesses processes;
    private final Thread shutdownHook;
    private final List<KubernetesClient> clients = new ArrayList<>();
    private String endpoint;
    private Duration startupTime;

    private KubeApiServer(Path workDir, boolean controlPlane) {
        this.workDir = workDir;
        this.controlPlane = controlPlane;
        this.processes = new LocalProcesses(workDir);
        this.shutdownHook = new Thread(processes::stopAll, "kube-apiserver-shutdown");
        this.pki = TestPki.generate();
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        this.adminToken = HexFormat.of().formatHex(token);
    }

    /**
     * Starts etcd and kube-apiserver (building them first if not cached), keeping data and logs
     * in {@code workDir}. A previous run's etcd data there is deleted: every server starts empty.
     */
    public static KubeApiServer start(Path workDir) {
        return start(workDir, false);
    }

    /**
     * As {@link #start(Path)}, for controllers that will run beside it: ResourceQuota admission on
     * (kube-controller-manager computes usage).
     */
    public static KubeApiServer startForControlPlane(Path workDir) {
        return start(workDir, true);
    }

    private static KubeApiServer start(Path workDir, boolean controlPlane) {
        Path bin = RealTools.bin("etcd", "kube-apiserver");
        KubeApiServer server = new KubeApiServer(workDir, controlPlane);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.launch(bin);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void launch(Path bin) {
        long started = System.nanoTime();
        try {
            Trees.delete(workDir.resolve("etcd-data"));
            Files.createDirectories(workDir);
            Path ca = write("ca.crt", pki.caPem());
            Path cert = write("apiserver.crt", pki.serverCertPem());
            Path key = write("apiserver.key", pki.serverKeyPem());
            Path saKey = write("service-account.key", pki.serviceAccountKeyPem());
            Path tokens = write("tokens.csv", adminToken + "," + ADMIN_USER + ",platform-admin,\"system:masters\"\n");

            int etcdClient = LocalProcesses.freePort();
            int etcdPeer = LocalProcesses.freePort();
            String etcdUrl = "http://127.0.0.1:" + etcdClient;
            String peerUrl = "http://127.0.0.1:" + etcdPeer;
            processes.start("etcd", List.of(bin.resolve("etcd").toString(),
                    "--name=test", "--data-dir=" + workDir.resolve("etcd-data"),
                    "--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl,
                    "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
                    "--initial-cluster=test=" + peerUrl, "--unsafe-no-fsync=true", "--log-level=warn"), Map.of());
            processes.awaitOk(URI.create(etcdUrl + "/health"), HttpClient.newHttpClient(), null, "etcd");

            int port = LocalProcesses.freePort();
            List<String> admission = controlPlane ? List.of() : List.of("--disable-admission-plugins=ResourceQuota");
            processes.start("kube-apiserver", Stream.concat(Stream.of(bin.resolve("kube-apiserver").toString(),
                    "--etcd-servers=" + etcdUrl,
                    "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + port,
                    "--endpoint-reconciler-type=none",
                    "--tls-cert-file=" + cert, "--tls-private-key-file=" + key, "--client-ca-file=" + ca,
                    "--cert-dir=" + workDir.resolve("certs"),
                    "--token-auth-file=" + tokens,
                    "--authorization-mode=RBAC",
                    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                    "--service-account-key-file=" + saKey, "--service-account-signing-key-file=" + saKey,
                    "--service-cluster-ip-range=10.96.0.0/16",
                    // EKS runs privileged pods (its CNI); Pod Security, not this switch, decides for tenants.
                    "--allow-privileged=true",
                    "--profiling=false"), admission.stream()).toList(), Map.of());
            endpoint = "https://127.0.0.1:" + port;
            write("admin.kubeconfig", kubeconfig(ca.toAbsolutePath()));
            processes.awaitOk(URI.create(endpoint + "/readyz"), trustingCa(), adminToken, "kube-apiserver");
            startupTime = Duration.ofNanos(System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String endpoint() {
        return endpoint;
    }

    /** A kubeconfig of {@value #ADMIN_USER} (system:masters), for the controllers' processes. */
    Path kubeconfig() {
        return workDir.resolve("admin.kubeconfig").toAbsolutePath();
    }

    /** The key that signs service account tokens (kube-controller-manager's token controller signs with it too). */
    Path serviceAccountKey() {
        return workDir.resolve("service-account.key").toAbsolutePath();
    }

    /** The CA, PEM, as a file (kube-controller-manager publishes it in every namespace's kube-root-ca.crt). */
    Path caFile() {
        return workDir.resolve("ca.crt").toAbsolutePath();
    }

    private String kubeconfig(Path ca) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster: {server: "%s", certificate-authority: "%s"}
                users:
                - name: %s
                  user: {token: "%s"}
                contexts:
                - name: test
                  context: {cluster: test, user: %s}
                current-context: test
                """.formatted(endpoint, ca, ADMIN_USER, adminToken, ADMIN_USER);
    }

    /** The CA certificate of the serving certificate, PEM. */
    public String caPem() {
        return pki.caPem();
    }

    /** The CA as EKS reports it ({@code certificateAuthority.data}): base64 of the PEM. */
    public String caBase64() {
        return Base64.getEncoder().encodeToString(pki.caPem().getBytes(StandardCharsets.US_ASCII));
    }

    /** A bearer token of {@value #ADMIN_USER}, group {@code system:masters}. */
    public String adminToken() {
        return adminToken;
    }

    /** From launching etcd to the API server answering {@code /readyz}. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Where etcd's data and both processes' logs are. */
    public Path workDir() {
        return workDir;
    }

    /** A client as {@value #ADMIN_USER} (system:masters). */
    public KubernetesClient admin() {
        return client(base().build());
    }

    /** A client that impersonates {@code user} in {@code groups}: RBAC and admission see that principal. */
    public KubernetesClient clientAs(String user, String... groups) {
        return client(base().withImpersonateUsername(user).withImpersonateGroups(groups).build());
    }

    private ConfigBuilder base() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(endpoint)
                .withCaCertData(caBase64())
                .withOauthToken(adminToken)
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000);
    }

    private synchronized KubernetesClient client(Config config) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        synchronized (this) {
            clients.forEach(KubernetesClient::close);
            clients.clear();
        }
        processes.stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(workDir.resolve(name), content);
    }

    private HttpClient trustingCa() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(pki.caPem().getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, factory.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).build();
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the test CA", e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
