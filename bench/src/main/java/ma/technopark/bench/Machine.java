package ma.technopark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on, and what else was using the cores. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        StringBuilder b = new StringBuilder();
        b.append("cpu: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
        b.append("memory: ").append(memTotalGiB()).append(" GiB\n");
        b.append("kernel: ").append(read("/proc/sys/kernel/osrelease").strip()).append('\n');
        b.append("java: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version")).append('\n');
        b.append("loadavg: ").append(read("/proc/loadavg").strip()).append('\n');
        b.append("top processes by CPU (what shares the cores):\n").append(Processes.run(java.time.Duration.ofSeconds(30),
                "sh", "-c", "ps -eo pcpu,rss,args --sort=-pcpu | cut -c1-160 | head -12"));
        return b.toString();
    }

    static String shortName() {
        return Runtime.getRuntime().availableProcessors() + " cores " + cpuModel().replaceAll("\\s+", " ") + ", "
                + memTotalGiB() + " GiB";
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch");
    }

    private static long memTotalGiB() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return Math.round(kb / 1024.0 / 1024.0);
            }
        }
        return -1;
    }

    static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "";
        }
    }

    /** Resident memory of a process, in MiB, from /proc. */
    static double rssMiB(long pid) {
        for (String line : read("/proc/" + pid + "/status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
