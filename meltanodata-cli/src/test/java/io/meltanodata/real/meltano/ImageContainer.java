package io.meltanodata.real.meltano;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One container of a rendered pod, run from the platform's image by an OCI runtime (runc), as a
 * node's container runtime runs it: the image's root filesystem ({@link ImageRootfs}), its
 * environment and working directory, then what the pod spec says: the container's command (it
 * replaces the image's ENTRYPOINT, as Kubernetes' {@code command} does), its environment, its volume
 * mounts at their paths (read-only where the mount says so), and the security context, container
 * fields over the pod's: runAsUser, runAsGroup, fsGroup as a supplementary group,
 * readOnlyRootFilesystem, allowPrivilegeEscalation (no_new_privs), capabilities (only "drop ALL" is
 * supported here), runAsNonRoot (refused for uid 0, as the kubelet refuses it). Own PID, mount, IPC
 * and UTS namespaces; the machine's network, so the pod reaches moto on loopback (a pod would have
 * its own network namespace: see the service test). Not applied: seccomp's RuntimeDefault profile
 * and resource limits (no cgroup limits are set).
 */
record ImageContainer(ImageRootfs image, Map<String, Object> podSpec, Map<String, Object> container, Map<String, String> env,
                      Map<String, Path> volumes) {

    /** The uid, gid and supplementary groups the container's process gets. */
    record Identity(long uid, long gid, List<Long> groups) {
    }

    @SuppressWarnings("unchecked")
    Identity identity() {
        Map<String, Object> pod = (Map<String, Object>) podSpec.getOrDefault("securityContext", Map.of());
        Map<String, Object> own = (Map<String, Object>) container.getOrDefault("securityContext", Map.of());
        String[] imageUser = image.user().isEmpty() ? new String[] {"0"} : image.user().split(":");
        long uid = number(own, pod, "runAsUser", Long.parseLong(imageUser[0]));
        long gid = number(own, pod, "runAsGroup", imageUser.length > 1 ? Long.parseLong(imageUser[1]) : 0);
        boolean nonRoot = Boolean.TRUE.equals(own.getOrDefault("runAsNonRoot", pod.get("runAsNonRoot")));
        if (nonRoot && uid == 0) {
            throw new IllegalStateException("container has runAsNonRoot and would run as root");
        }
        List<Long> groups = pod.get("fsGroup") == null ? List.of() : List.of(((Number) pod.get("fsGroup")).longValue());
        return new Identity(uid, gid, groups);
    }

    private static long number(Map<String, Object> own, Map<String, Object> pod, String key, long fallback) {
        Object value = own.containsKey(key) ? own.get(key) : pod.get(key);
        return value == null ? fallback : ((Number) value).longValue();
    }

    /** The OCI runtime spec (config.json) of this container, rooted at the image's mounted root filesystem. */
    @SuppressWarnings("unchecked")
    Map<String, Object> spec(List<String> command, Map<String, String> added) {
        Map<String, Object> security = (Map<String, Object>) container.getOrDefault("securityContext", Map.of());
        Map<String, Object> capabilities = (Map<String, Object>) security.getOrDefault("capabilities", Map.of());
        if (!List.of("ALL").equals(capabilities.get("drop")) || capabilities.containsKey("add")) {
            throw new IllegalStateException("only capabilities {drop: [ALL]} are run here, not " + capabilities);
        }
        Map<String, String> environment = new LinkedHashMap<>(image.env());
        environment.putAll(env);
        environment.putAll(added);
        List<String> envList = environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        Identity identity = identity();
        List<String> none = List.of();
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        process.put("user", Map.of("uid", identity.uid(), "gid", identity.gid(), "additionalGids", identity.groups()));
        process.put("args", command);
        process.put("env", envList);
        process.put("cwd", image.workingDir());
        process.put("noNewPrivileges", Boolean.FALSE.equals(security.get("allowPrivilegeEscalation")));
        process.put("capabilities", Map.of("bounding", none, "effective", none, "inheritable", none, "permitted", none, "ambient", none));

        List<Map<String, Object>> mounts = new ArrayList<>(List.of(
                Map.of("destination", "/proc", "type", "proc", "source", "proc"),
                Map.of("destination", "/dev", "type", "tmpfs", "source", "tmpfs", "options", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                Map.of("destination", "/dev/pts", "type", "devpts", "source", "devpts",
                        "options", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")),
                Map.of("destination", "/dev/shm", "type", "tmpfs", "source", "shm", "options", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                Map.of("destination", "/sys", "type", "bind", "source", "/sys", "options", List.of("rbind", "nosuid", "noexec", "nodev", "ro"))));
        for (Map<String, Object> mount : (List<Map<String, Object>>) container.getOrDefault("volumeMounts", List.of())) {
            Path source = volumes.get((String) mount.get("name"));
            if (source == null) {
                throw new IllegalStateException("no volume " + mount.get("name") + " for " + mount.get("mountPath"));
            }
            boolean readOnly = Boolean.TRUE.equals(mount.get("readOnly"));
            mounts.add(Map.of("destination", mount.get("mountPath"), "type", "bind", "source", source.toString(),
                    "options", List.of("rbind", "nosuid", "nodev", readOnly ? "ro" : "rw")));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ociVersion", "1.0.2");
        spec.put("root", Map.of("path", image.rootfs().toString(),
                "readonly", Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))));
        spec.put("process", process);
        spec.put("hostname", env.getOrDefault("MELTANODATA_POD_NAME", "pod"));
        spec.put("mounts", mounts);
        spec.put("linux", Map.of(
                "namespaces", List.of(Map.of("type", "pid"), Map.of("type", "mount"), Map.of("type", "ipc"), Map.of("type", "uts")),
                "maskedPaths", List.of("/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug", "/sys/firmware"),
                "readonlyPaths", List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger")));
        return spec;
    }

    /** Starts the container ({@code runc run}, in the foreground: it forwards signals to the container's process) and returns at once. */
    PodContainer.Running start(Path bin, Path bundle, String id, List<String> command, Map<String, String> added) throws IOException {
        Files.createDirectories(bundle);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(bundle.resolve("config.json").toFile(), spec(command, added));
        Path state = Files.createDirectories(bundle.getParent().resolve("runc-state"));
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("runc").toString(), "--root", state.toString(), "run", "--bundle",
                bundle.toString(), id).redirectErrorStream(true);
        Path log = Files.createTempFile("image-container", ".log");
        long started = System.nanoTime();
        Process process = builder.redirectOutput(log.toFile()).start();
        return new PodContainer.Running(command, process, log, started);
    }
}
