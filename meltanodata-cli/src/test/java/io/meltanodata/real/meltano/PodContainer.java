package io.meltanodata.real.meltano;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One container of a rendered pod whose image cannot be built here (the init container's AWS CLI
 * image), run on the machine as the kubelet would: its exact command and environment
 * variables, a working directory, and its volumes mounted at their exact paths. The Meltano
 * container runs from the platform's image instead ({@link ImageContainer}). A
 * private mount namespace ({@code unshare -m}) mounts the pod's emptyDir folders at {@code /tmp} and
 * {@code /run/secrets/meltano}, so nothing is rewritten; only what the cluster adds is added: a
 * PATH holding the tools the image would have, credentials (Pod Identity's, here moto's test keys) and AWS_ENDPOINT_URL (moto).
 */
record PodContainer(List<String> command, Map<String, String> env, Path workingDir, Map<String, Path> volumes) {

    record Result(int exit, String output, Duration took) {
    }

    Result run(String path, String awsEndpoint, Duration timeout) throws IOException, InterruptedException {
        return start(path, awsEndpoint).awaitExit(timeout);
    }

    /** Starts the container and returns at once: a service's container runs until it is stopped. */
    Running start(String path, String awsEndpoint) throws IOException {
        // Every source, the working directory and each PATH folder is bind-mounted under /run/pod
        // first: a volume mounted at /tmp would otherwise hide any of them that lives under /tmp
        // (a repository checked out there, as CI may do).
        StringBuilder mounts = new StringBuilder("set -e; mount -t tmpfs none /run; ");
        List<String> args = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private"));
        if (!"root".equals(System.getProperty("user.name"))) {
            args.add("--map-root-user"); // mounting needs a user namespace when not root
        }
        args.addAll(List.of("/bin/sh", "-c"));
        int n = volumes.size();
        for (int i = 1; i <= n + 1; i++) {
            int source = i <= n ? 2 * i : 2 * n + 1;
            mounts.append("mkdir -p /run/pod/").append(i).append("; mount --bind \"${").append(source)
                    .append("}\" /run/pod/").append(i).append("; ");
        }
        List<String> pathEntries = List.of(path.split(":"));
        List<String> stagedPath = new ArrayList<>();
        for (int j = 1; j <= pathEntries.size(); j++) {
            int arg = 2 * n + 1 + j;
            mounts.append("if [ -d \"${").append(arg).append("}\" ]; then mkdir -p /run/pod/path/").append(j)
                    .append("; mount --bind \"${").append(arg).append("}\" /run/pod/path/").append(j).append("; fi; ");
            stagedPath.add("/run/pod/path/" + j);
        }
        // A PATH folder of links (a tool cache's bin) whose targets lie under a volume's path (a cache
        // under /tmp) would lose them to the volume: each such target's tool folder is staged too and
        // bound again at its own path over the volume.
        List<String> hidden = hiddenLinkTargets(pathEntries);
        for (int k = 1; k <= hidden.size(); k++) {
            int arg = 2 * n + 1 + pathEntries.size() + k;
            mounts.append("mkdir -p /run/pod/keep/").append(k).append("; mount --bind \"${").append(arg).append("}\" /run/pod/keep/")
                    .append(k).append("; ");
        }
        List<String> positional = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Path> volume : volumes.entrySet()) {
            i++;
            mounts.append("mkdir -p \"${").append(2 * i - 1).append("}\"; mount --bind /run/pod/").append(i).append(" \"${")
                    .append(2 * i - 1).append("}\"; ");
            positional.add(volume.getKey());
            positional.add(volume.getValue().toString());
        }
        for (int k = 1; k <= hidden.size(); k++) {
            int arg = 2 * n + 1 + pathEntries.size() + k;
            mounts.append("mkdir -p \"${").append(arg).append("}\"; mount --bind /run/pod/keep/").append(k).append(" \"${").append(arg)
                    .append("}\"; ");
        }
        // exec: the container's command is the process the test (as the kubelet) signals
        mounts.append("export PATH=").append(String.join(":", stagedPath)).append("; cd /run/pod/").append(n + 1)
                .append("; shift ").append(2 * n + 1 + pathEntries.size() + hidden.size()).append("; exec \"$@\"");
        args.add(mounts.toString());
        args.add("pod");
        args.addAll(positional);
        args.add(workingDir.toString());
        args.addAll(pathEntries);
        args.addAll(hidden);
        args.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(env);
        environment.put("PATH", path);
        environment.putAll(AwsCli.CREDENTIALS);
        environment.put("AWS_ENDPOINT_URL", awsEndpoint);
        Path log = Files.createTempFile("pod-container", ".log");
        long started = System.nanoTime();
        Process process = builder.redirectOutput(log.toFile()).start();
        return new Running(command, process, log, started);
    }

    /** The tool folders ({@code <tool>/bin/<link target>}'s {@code <tool>}) of the PATH folders' links that a volume's path would hide. */
    private List<String> hiddenLinkTargets(List<String> pathEntries) throws IOException {
        java.util.Set<String> hidden = new java.util.LinkedHashSet<>();
        for (String entry : pathEntries) {
            Path dir = Path.of(entry);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (java.util.stream.Stream<Path> links = Files.list(dir)) {
                for (Path link : links.filter(Files::isSymbolicLink).filter(Files::exists).toList()) {
                    Path target = link.toRealPath();
                    if (volumes.keySet().stream().anyMatch(mountPath -> target.startsWith(mountPath)) && target.getParent().getParent() != null) {
                        hidden.add(target.getParent().getParent().toString());
                    }
                }
            }
        }
        return List.copyOf(hidden);
    }

    /** A started container: its main process and its output so far. */
    record Running(List<String> command, Process process, Path log, long started) {

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        Result awaitExit(Duration timeout) throws IOException, InterruptedException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                    throw new IllegalStateException(command + " did not finish within " + timeout + ": " + output());
                }
                return new Result(process.exitValue(), output(), Duration.ofNanos(System.nanoTime() - started));
            } finally {
                Files.deleteIfExists(log);
            }
        }

        /** What the kubelet does to stop a container: SIGTERM to its main process, then the grace period. */
        Result stop(Duration gracePeriod) throws IOException, InterruptedException {
            process.destroy();
            return awaitExit(gracePeriod);
        }

        /** Every process the container started, then the container (cleanup; a pod's cgroup would be killed). */
        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** {@code [{name, value}]} of a rendered container as a map; it may take nothing from the pod. */
    static Map<String, String> env(List<Map<String, Object>> vars) {
        return env(vars, null);
    }

    /**
     * {@code [{name, value}]} of a rendered container as a map, as the kubelet resolves it for the pod
     * {@code podName}: a {@code valueFrom.fieldRef} of {@code metadata.name} is the pod's name (the
     * downward API); any other {@code valueFrom} is refused, so a new one cannot pass unnoticed.
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> env(List<Map<String, Object>> vars, String podName) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> v : vars) {
            String name = String.valueOf(v.get("name"));
            Object from = v.get("valueFrom");
            if (from == null) {
                out.put(name, String.valueOf(v.get("value")));
            } else if (podName != null && Map.of("fieldRef", Map.of("fieldPath", "metadata.name")).equals(from)) {
                out.put(name, podName);
            } else {
                throw new IllegalArgumentException("env " + name + ": valueFrom " + from + " is not resolved here"
                        + (podName == null ? " (no pod)" : ""));
            }
        }
        return out;
    }
}
