package io.meltanodata.real.meltano;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

/**
 * A probe of a rendered container, run the way the kubelet runs it (tcpSocket: the connection is
 * opened within timeoutSeconds), against the loopback port the test gave the container's port.
 * Kubernetes' defaults apply where the probe sets nothing.
 */
record KubeletProbe(Map<String, Object> probe) {
    static final int DEFAULT_TIMEOUT_SECONDS = 1;
    static final int DEFAULT_FAILURE_THRESHOLD = 3;
    static final int DEFAULT_PERIOD_SECONDS = 10;

    @SuppressWarnings("unchecked")
    int port() {
        Map<String, Object> tcp = (Map<String, Object>) probe.get("tcpSocket");
        if (tcp == null) {
            throw new AssertionError("only tcpSocket probes are run here; the service declares " + probe);
        }
        return ((Number) tcp.get("port")).intValue();
    }

    /** One probe against the container's port as mapped ({@code containerPort -> loopback port}). */
    boolean succeeds(Map<Integer, Integer> ports) {
        Integer mapped = ports.get(port());
        if (mapped == null) {
            throw new AssertionError("the probe's port " + port() + " is not a port of the container " + ports.keySet());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), mapped),
                    (int) Duration.ofSeconds(setting("timeoutSeconds", DEFAULT_TIMEOUT_SECONDS)).toMillis());
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** How long after the container starts the kubelet lets this probe fail before it acts (restarts, for liveness). */
    Duration patience() {
        return Duration.ofSeconds(setting("initialDelaySeconds", 0)
                + (long) setting("failureThreshold", DEFAULT_FAILURE_THRESHOLD) * setting("periodSeconds", DEFAULT_PERIOD_SECONDS));
    }

    private int setting(String name, int fallback) {
        Object value = probe.get(name);
        return value == null ? fallback : ((Number) value).intValue();
    }
}
