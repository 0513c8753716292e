package ma.technopark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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
        b.append("load generator's JVM flags: ").append(String.join(" ",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())).append('\n');
        b.append("loadavg: ").append(read("/proc/loadavg").strip()).append('\n');
        b.append(speed()).append('\n');
        b.append("top processes by CPU (what shares the cores):\n").append(Processes.run(java.time.Duration.ofSeconds(30),
                "sh", "-c", "ps -eo pcpu,rss,args --sort=-pcpu | cut -c1-160 | head -12"));
        return b.toString();
    }

    /**
     * How fast the machine is at this moment: a fixed piece of single-threaded work (sorting the same million
     * pseudo-random ints, best of 9), the share of the CPU the host took meanwhile (steal), and two costs the sort
     * does not see, which depend on how the host virtualises the machine: a page fault (touching fresh memory, as
     * every JVM start and heap growth does) and a round trip over TCP loopback (two system calls and two thread
     * wake-ups, as every request to PostgreSQL, the broker or an app), and what a start-up mostly does: loading and
     * linking classes from a jar ({@link #classLoadingMillis()}; on 2026-12-07 the apps' start-ups slowed by a quarter
     * to a half for a whole afternoon while the sort did not move). These shared machines change speed by up to 2x
     * within an hour; the probe tells a slow hour from a slower build. It runs in a JVM of its own with the JVM's
     * default flags, so that the load generator's flags (bench/run.sh) cannot move it.
     */
    static Speed speed() {
        String out = Processes.run(java.time.Duration.ofMinutes(2), ma.technopark.infra.Processes.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), Machine.class.getName()).strip();
        String[] fields = out.substring(out.lastIndexOf('\n') + 1).split(" ");
        try {
            return new Speed(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
                    Double.parseDouble(fields[3]), Double.parseDouble(fields[4]));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the speed probe answered: " + out, e);
        }
    }

    /**
     * The speed probe itself, run by {@link #speed()}: prints the best sort in ms, the steal in percent, a page fault
     * in µs, a loopback round trip in µs and the class loading's best round in ms.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        long[] before = cpuStat();
        int[] data = new java.util.Random(42).ints(1_000_000).toArray();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 9; i++) {
            int[] copy = data.clone();
            long started = System.nanoTime();
            java.util.Arrays.sort(copy);
            best = Math.min(best, (System.nanoTime() - started) / 1e6);
        }
        double steal = stolenPercent(before, cpuStat());
        System.out.println(best + " " + steal + " " + pageFaultMicros() + " " + loopbackMicros() + " " + classLoadingMillis());
    }

    /** The jars the class-loading probe reads: the Kafka clients and what their classes refer to, fixed versions. */
    private static final List<String> CLASS_PROBE_JARS = List.of("kafka-clients-", "slf4j-api-", "lz4-java-", "snappy-java-",
            "zstd-jni-");

    /**
     * Loading and linking (verifying) every class of the Kafka clients' jar (3,437 of its 3,978 load; a fifth of what
     * a service's start loads) in a fresh class loader, in ms; best of 3. The jars are the bench's own, pinned by its
     * build, so the work is the same on every run.
     */
    static double classLoadingMillis() throws IOException {
        List<Path> jars = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).map(Path::of)
                .filter(jar -> CLASS_PROBE_JARS.stream().anyMatch(jar.getFileName().toString()::startsWith)).toList();
        Path clients = jars.stream().filter(jar -> jar.getFileName().toString().startsWith(CLASS_PROBE_JARS.get(0)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no kafka-clients jar on the bench's class path"));
        List<String> names;
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(clients.toFile())) {
            names = jar.stream().map(java.util.jar.JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.contains("module-info") && !name.startsWith("META-INF/"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.')).toList();
        }
        java.net.URL[] urls = new java.net.URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long started = System.nanoTime();
            try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
                for (String name : names) {
                    try {
                        loader.loadClass(name).getDeclaredMethods(); // links the class: verification included
                    } catch (ClassNotFoundException | LinkageError e) {
                        // an optional dependency the jar refers to; the same classes fail in every round
                    }
                }
            }
            best = Math.min(best, (System.nanoTime() - started) / 1e6);
        }
        return best;
    }

    /**
     * One page fault, in µs: 64 MiB of memory never touched before (a buffer this large is a fresh mapping of its
     * own), written once per 4 KiB page; best of 3.
     */
    private static double pageFaultMicros() {
        int size = 64 << 20;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long started = System.nanoTime();
            java.nio.ByteBuffer fresh = java.nio.ByteBuffer.allocateDirect(size);
            for (int page = 0; page < size; page += 4096) {
                fresh.put(page, (byte) 1);
            }
            best = Math.min(best, (System.nanoTime() - started) / 1e3 / (size / 4096));
        }
        return best;
    }

    /** One round trip of a byte over TCP loopback between two threads, in µs; best of 3 series of 5,000. */
    private static double loopbackMicros() throws IOException, InterruptedException {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException e) {
                    // the probe is over
                }
            });
            echo.start();
            double best = Double.MAX_VALUE;
            try (java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.setTcpNoDelay(true);
                var in = client.getInputStream();
                var out = client.getOutputStream();
                for (int series = 0; series < 3; series++) {
                    long started = System.nanoTime();
                    for (int i = 0; i < 5_000; i++) {
                        out.write(1);
                        if (in.read() < 0) {
                            throw new IOException("the echo closed");
                        }
                    }
                    best = Math.min(best, (System.nanoTime() - started) / 1e3 / 5_000);
                }
            }
            echo.join(5_000);
            return best;
        }
    }

    /** What {@link #speed()} measured. */
    record Speed(double sortMillis, double stealPercent, double pageFaultMicros, double loopbackMicros,
            double classLoadingMillis) {
        @Override
        public String toString() {
            return String.format("speed probe: sorting 1M ints, best of 9: %.1f ms (lower is faster); CPU stolen by the host"
                    + " meanwhile: %.1f%%; a page fault (64 MiB of fresh memory touched): %.2f µs; a TCP loopback round"
                    + " trip: %.1f µs; loading and linking the Kafka clients' classes, best of 3: %.0f ms", sortMillis,
                    stealPercent, pageFaultMicros, loopbackMicros, classLoadingMillis);
        }
    }

    /** The share of the machine's CPU time the host took (steal) between two {@link #cpuStat()} readings, in percent. */
    static double stolenPercent(long[] before, long[] after) {
        long total = 0;
        for (int i = 0; i < after.length; i++) {
            total += after[i] - before[i];
        }
        return after.length > 7 && total > 0 ? 100.0 * (after[7] - before[7]) / total : 0;
    }

    /** The share of the machine's cores busy (not idle nor waiting for I/O) over the next {@code window}, 0 to 1. */
    static double busyShare(java.time.Duration window) throws InterruptedException {
        long[] before = cpuStat();
        Thread.sleep(window.toMillis());
        long[] after = cpuStat();
        long total = 0;
        for (int i = 0; i < after.length; i++) {
            total += after[i] - before[i];
        }
        long idle = (after[3] - before[3]) + (after.length > 4 ? after[4] - before[4] : 0);
        return total == 0 ? 0 : (double) (total - idle) / total;
    }

    /** The first line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal... in ticks. */
    static long[] cpuStat() {
        String[] fields = read("/proc/stat").lines().findFirst().orElse("cpu").trim().split("\\s+");
        long[] ticks = new long[Math.max(0, fields.length - 1)];
        for (int i = 1; i < fields.length; i++) {
            ticks[i - 1] = Long.parseLong(fields[i]);
        }
        return ticks;
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

    /**
     * Where a process's resident memory is, from {@code /proc/<pid>/smaps}: each mapped file (an AppCDS archive,
     * libjvm.so) and the anonymous memory (heap, metaspace, code cache, thread stacks, malloc), largest first, with
     * the part that is private and written (dirty), which no other process shares.
     */
    static String residentByMapping(long pid) {
        Map<String, long[]> byMapping = new java.util.HashMap<>();
        String current = "[anonymous]";
        for (String line : read("/proc/" + pid + "/smaps").split("\n")) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] f = line.trim().split("\\s+");
                current = f.length > 5 ? f[5] : "[anonymous]";
            } else if (line.startsWith("Rss:") || line.startsWith("Private_Dirty:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                byMapping.computeIfAbsent(current, k -> new long[2])[line.startsWith("Rss:") ? 0 : 1] += kib;
            }
        }
        StringBuilder b = new StringBuilder(String.format("%10s %12s  %s%n", "RSS MiB", "private dirty", "mapping"));
        long total = 0;
        List<Map.Entry<String, long[]>> sorted = new java.util.ArrayList<>(byMapping.entrySet());
        sorted.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        for (Map.Entry<String, long[]> e : sorted) {
            total += e.getValue()[0];
            if (e.getValue()[0] >= 512) {
                b.append(String.format("%10.1f %12.1f  %s%n", e.getValue()[0] / 1024.0, e.getValue()[1] / 1024.0, e.getKey()));
            }
        }
        return b.append(String.format("%10.1f %12s  total (mappings under 0.5 MiB not listed)%n", total / 1024.0, "")).toString();
    }

    /**
     * CPU seconds used so far by each thread of a process, summed by thread name with its number dropped
     * ({@code executor-thread-3} counts as {@code executor-thread}), largest first. A JVM's {@code main} thread is
     * the one named {@code java} that is not the process's first (which only waits for it).
     */
    static Map<String, Double> cpuByThread(long pid) {
        Map<String, Double> byName = new java.util.HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = read(task + "/comm").trim();
                String stat = read(task + "/stat");
                if (name.isEmpty() || stat.isEmpty()) {
                    continue; // the thread ended after the listing: no longer listed by thread
                }
                if (name.equals("java")) {
                    name = task.getFileName().toString().equals(Long.toString(pid)) ? "java (launcher)" : "main";
                }
                byName.merge(name.replaceAll("[-#]?[0-9]+$", ""), cpuSeconds(stat), Double::sum);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        Map<String, Double> sorted = new java.util.LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The CPU seconds (user and system, every thread) that a process and its descendants have used so far, from /proc. */
    static double cpuSeconds(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants())
                .map(p -> read("/proc/" + p.pid() + "/stat")).filter(stat -> stat.contains(")"))
                .mapToDouble(Machine::cpuSeconds).sum();
    }

    /** The CPU seconds (user and system) in a process's or thread's {@code /proc/.../stat} line: utime and stime, in 1/100 s. */
    private static double cpuSeconds(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** The key suffix of a JVM's JIT compiler threads' share in {@link #cpuSeconds()} (a part of the process's own figure). */
    private static final String JIT = " (JIT)";

    /**
     * CPU seconds used so far (user and system, from /proc) by every process, grouped by what it is; for a JVM also
     * the part its JIT compiler threads used (key suffixed with {@value #JIT}).
     */
    static Map<String, Double> cpuSeconds() {
        Map<String, Double> byWhat = new TreeMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                String stat = read(p + "/stat");
                int end = stat.lastIndexOf(')');
                if (end < 0) {
                    return;
                }
                double seconds = cpuSeconds(stat);
                String what = what(read(p + "/cmdline").replace('\0', ' '));
                byWhat.merge(what, seconds, Double::sum);
                double jit = jitSeconds(p);
                if (jit > 0) {
                    byWhat.merge(what + JIT, jit, Double::sum);
                }
            });
        } catch (IOException | RuntimeException e) {
            byWhat.put("(unreadable: " + e + ")", 0.0);
        }
        return byWhat;
    }

    /** The CPU time of a JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}), in seconds. */
    private static double jitSeconds(Path process) {
        double seconds = 0;
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = read(task + "/comm");
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    seconds += cpuSeconds(read(task + "/stat"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
        return seconds;
    }

    /** Where the cores went between two {@link #cpuSeconds()} readings, as a table with each share of the machine. */
    static String cpuUsed(Map<String, Double> before, Map<String, Double> after, double wallSeconds) {
        double capacity = wallSeconds * Runtime.getRuntime().availableProcessors();
        StringBuilder b = new StringBuilder(String.format("CPU used over %.1f s of wall time on %d cores (%.1f CPU-s available):%n",
                wallSeconds, Runtime.getRuntime().availableProcessors(), capacity));
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (e.getKey().endsWith(JIT)) {
                if (used >= 0.05) { // a part of the line above it, not added to the total
                    b.append(String.format("    %-20s %7.1f CPU-s %5.1f%%%n", "of which JIT compiling", used, 100 * used / capacity));
                }
            } else if (used >= 0.05) {
                total += used;
                b.append(String.format("  %-22s %7.1f CPU-s %5.1f%%%n", e.getKey(), used, 100 * used / capacity));
            }
        }
        return b.append(String.format("  %-22s %7.1f CPU-s %5.1f%%%n", "total", total, 100 * total / capacity)).toString();
    }

    /** Each JVM's JIT compiler threads' CPU between two {@link #cpuSeconds()} readings, as a share of one core. */
    static Map<String, Double> jitShares(Map<String, Double> before, Map<String, Double> after, double wallSeconds) {
        Map<String, Double> shares = new TreeMap<>();
        after.forEach((key, seconds) -> {
            if (key.endsWith(JIT)) {
                shares.put(key.substring(0, key.length() - JIT.length()),
                        Math.max(0, seconds - before.getOrDefault(key, 0.0)) / wallSeconds);
            }
        });
        return shares;
    }

    /** The CPU seconds used by all processes between two {@link #cpuSeconds()} readings (JIT shares not counted twice). */
    static double cpuTotal(Map<String, Double> before, Map<String, Double> after) {
        return after.entrySet().stream().filter(e -> !e.getKey().endsWith(JIT))
                .mapToDouble(e -> Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0.0))).sum();
    }

    private static String what(String cmdline) {
        for (String app : new String[] {"sites-service", "startups-service", "programs-service", "gateway"}) {
            if (cmdline.contains("/" + app + "/")) {
                return app;
            }
        }
        if (cmdline.startsWith("postgres") || cmdline.contains("/bin/postgres")) {
            return "postgresql";
        }
        if (cmdline.contains("kafka")) {
            return "kafka broker";
        }
        if (cmdline.contains("ma.technopark.infra.Main")) {
            return "run command (launcher)";
        }
        if (cmdline.contains("ma.technopark.bench.Bench")) {
            return "bench (load, comparators)";
        }
        return "other";
    }
}
