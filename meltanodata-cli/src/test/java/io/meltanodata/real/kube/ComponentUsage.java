package io.meltanodata.real.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Peak memory and CPU time of this JVM and of the processes it started (etcd, kube-apiserver, the
 * controllers of a {@link ControlPlane}), from Linux's {@code /proc}: {@code VmHWM} (the peak resident
 * set) of {@code /proc/<pid>/status}, and {@code utime + stime} of {@code /proc/<pid>/stat}. Read while
 * the processes still run.
 *
 * @param name     the executable's file name, or {@code jvm}
 * @param peakMiB  peak resident set, MiB
 * @param cpuSeconds user + system CPU time so far
 */
record ComponentUsage(String name, long peakMiB, double cpuSeconds) {
    /** USER_HZ: the unit of {@code /proc/<pid>/stat}'s times on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    static List<ComponentUsage> now() {
        List<ComponentUsage> all = new ArrayList<>();
        all.add(of("jvm", ProcessHandle.current().pid()));
        ProcessHandle.current().children().forEach(child -> child.info().command().ifPresent(command ->
                all.add(of(Path.of(command).getFileName().toString(), child.pid()))));
        return all;
    }

    private static ComponentUsage of(String name, long pid) {
        try {
            long peakKiB = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command (which may hold spaces), from field 3 (state): utime and stime are fields 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            return new ComponentUsage(name, peakKiB / 1024, cpu);
        } catch (IOException e) {
            return new ComponentUsage(name + " (gone)", 0, 0);
        }
    }

    /** The machine's load averages (1, 5, 15 minutes), as {@code /proc/loadavg} gives them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
