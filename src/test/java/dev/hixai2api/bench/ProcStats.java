package dev.hixai2api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Linux /proc readings: a process's resident memory, threads and CPU time, and the machine's busy time. */
final class ProcStats {

    /** USER_HZ, the unit of the CPU times in /proc (100 on every mainstream Linux). */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcStats() {
    }

    /** VmRSS in bytes, or -1 when the process is gone. */
    static long rssBytes(long pid) {
        return statusField(pid, "VmRSS:") * 1024;
    }

    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    /** utime + stime in clock ticks, or -1 when the process is gone. */
    static long cpuTicks(long pid) {
        long[] times = cpuTimes(pid);
        return times == null ? -1 : times[0] + times[1];
    }

    /** stime alone: the process's CPU in the kernel (system calls, socket I/O, thread wake-ups), or -1. */
    static long kernelTicks(long pid) {
        long[] times = cpuTimes(pid);
        return times == null ? -1 : times[1];
    }

    private static long[] cpuTimes(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime field 15
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Machine-wide {busy, total} ticks from the first line of /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i == 4 || i == 5) { // idle, iowait
                    idle += value;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The machine's busy share of its CPU time over the given window, 0 to 1. */
    static double machineBusy(Duration window) throws InterruptedException {
        long[] before = machineTicks();
        Thread.sleep(window.toMillis());
        long[] after = machineTicks();
        long total = after[1] - before[1];
        return total <= 0 ? 0 : (double) (after[0] - before[0]) / total;
    }

    /** The 1, 5 and 15 minute load averages of /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private static long statusField(long pid, String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            for (String line : lines) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
