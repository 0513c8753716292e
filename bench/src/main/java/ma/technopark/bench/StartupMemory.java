package ma.technopark.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.technopark.infra.AppProcess;
import ma.technopark.infra.Platform;
import ma.technopark.infra.Ports;

/**
 * Scenario 3, per app: a new instance from its packaged jar (database migrated, broker up, the rest of the
 * platform running idle), timed from the process launch to its first successful API request, and its resident
 * memory right after. Three JVM configurations, interleaved: the JVM's defaults, tuned flags, and tuned flags
 * with an AppCDS archive made by one training run.
 */
final class StartupMemory {
    /**
     * Starts per configuration and app, in turns. Three gave medians that moved by a tenth between runs an hour apart
     * (sites-service's tuned+AppCDS rounds read 1.84, 1.70 and 1.42 s in one run, 2026-12-07 evening); five, and the
     * rounds written in the row, let a reader see the spread.
     */
    static final int ROUNDS = 5;
    static final int CORES = Runtime.getRuntime().availableProcessors();
    /**
     * Small heap (a 100,000-row CSV export peaks at 63 MB of heap, see the README), C1 only, serial GC. The heap starts
     * at 48 MB with a 16 MB young generation: from 16 MB it grew in small steps through 21-25 collections, 6-7 of them
     * full, 210-360 ms of pauses on the main thread's way, against 7-9 young ones and 72-102 ms (RSS 3-5 MiB more).
     * One C1 thread instead of two leaves the second core to the main thread (0.0-0.5 s sooner in 8 pairs of 10).
     */
    static final List<String> TUNED = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC",
            "-Xms48m", "-Xmn16m", "-Xmx128m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=128m", "-XX:+ExitOnOutOfMemoryError");

    /** Tuned flags for a JDK with AOT caches: the same, without the metaspace cap its cache's assembly runs into. */
    static final List<String> TUNED_AOT = TUNED.stream().filter(f -> !f.startsWith("-XX:MaxMetaspaceSize=")).toList();
    static final String AOT = "JDK 25+AOT";

    /** Each app's probe: an API GET that reads its database (and, through the gateway, sites-service's). */
    static final Map<String, String> PROBES = new LinkedHashMap<>();

    static {
        PROBES.put(Platform.SITES, "/api/v1/sites");
        PROBES.put(Platform.STARTUPS, "/api/v1/startups?limit=1");
        PROBES.put(Platform.PROGRAMS, "/api/v1/programmes");
        PROBES.put(Platform.GATEWAY, "/api/v1/sites");
    }

    private final Bench bench;

    StartupMemory(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Platform platform = bench.platform();
        Report report = bench.report("startup", "Start-up time and memory per app, from its packaged jar");
        Map<String, String> probes = PROBES;
        Optional<Path> newerJava = Jdks.aotCapable();
        Path cds = bench.work().resolve("cds");
        Files.createDirectories(cds);
        report.section("flags", "defaults: (none: G1, heap up to 1/4 of RAM, C1 and C2)\ntuned: " + String.join(" ", TUNED)
                + "\ntuned+AppCDS: tuned -XX:SharedArchiveFile=<app>.jsa (archive dumped by one training run with"
                + " -XX:ArchiveClassesAtExit)\nprobe: the first 200 of an API GET polled every 5 ms from launch\n"
                + newerJava.map(java -> AOT + ": " + java + " (" + Jdks.version(java) + "), " + String.join(" ", TUNED_AOT)
                        + " -XX:AOTCache=<app>.aot (cache written by one training run with -XX:AOTCacheOutput); not the"
                        + " product's JDK 17: the best reachable on this machine")
                        .orElse(AOT + ": not measured, no JDK 25 or later found (" + Jdks.VARIABLE + " names one)"));
        for (Map.Entry<String, String> app : probes.entrySet()) {
            String name = app.getKey();
            // the host's speed moves within a run: each app's rows quote a probe of their own
            report.probedBefore(name);
            Path archive = cds.resolve(name + ".jsa");
            List<String> training = new ArrayList<>(TUNED);
            training.add("-XX:ArchiveClassesAtExit=" + archive);
            measure(platform, name, app.getValue(), training, "training", null, null);
            Path aotCache = cds.resolve(name + ".aot");
            newerJava.ifPresent(java -> {
                List<String> aotTraining = new ArrayList<>(TUNED_AOT);
                aotTraining.add("-XX:AOTCacheOutput=" + aotCache);
                measure(platform, name, app.getValue(), aotTraining, "aot-training", null, java);
            });
            List<String> withCds = new ArrayList<>(TUNED);
            withCds.add("-XX:SharedArchiveFile=" + archive);
            Map<String, List<String>> configs = new LinkedHashMap<>();
            configs.put("defaults", List.of());
            configs.put("tuned", TUNED);
            configs.put("tuned+AppCDS", withCds);
            if (newerJava.isPresent()) {
                List<String> withAot = new ArrayList<>(TUNED_AOT);
                withAot.add("-XX:AOTCache=" + aotCache);
                configs.put(AOT, withAot);
            }
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            Map<String, List<Double>> rss = new LinkedHashMap<>();
            Map<String, List<Double>> mainCpu = new LinkedHashMap<>();
            Map<String, List<Double>> processCpu = new LinkedHashMap<>();
            StringBuilder raw = new StringBuilder();
            String threads = "";
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, List<String>> c : GatewayOverhead.rotate(configs, round)) {
                    Start m = measure(platform, name, app.getValue(), c.getValue(), c.getKey(), null,
                            c.getKey().equals(AOT) ? newerJava.get() : null);
                    seconds.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(m.seconds());
                    rss.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(m.rssMiB());
                    mainCpu.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(m.mainCpu());
                    processCpu.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(m.cpu());
                    raw.append(String.format("round %d %-13s first 200 after %.3f s, RSS %.1f MiB; CPU until then: main thread %.2f s,"
                            + " whole process %.2f s%n", round + 1, c.getKey(), m.seconds(), m.rssMiB(), m.mainCpu(), m.cpu()));
                    if (c.getKey().equals("tuned+AppCDS")) {
                        threads = m.threads();
                    }
                }
            }
            report.section(name, raw.toString() + "\nCPU seconds by thread until the first 200, tuned+AppCDS, last round:\n" + threads);
            // where the memory is: one more start with the best flags and native memory tracking (which costs a
            // few MiB itself, so its RSS is not one of the figures), inspected right after its first 200
            List<String> tracked = new ArrayList<>(withCds);
            tracked.add("-XX:NativeMemoryTracking=summary");
            StringBuilder where = new StringBuilder();
            Start diagnosed = measure(platform, name, app.getValue(), tracked, "nmt", pid -> where
                    .append("resident memory by mapping (/proc/<pid>/smaps):\n").append(Machine.residentByMapping(pid))
                    .append("\njcmd VM.native_memory summary:\n").append(Processes.run(Duration.ofSeconds(30),
                            Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid),
                            "VM.native_memory", "summary")), null);
            report.section(name + ": where the memory is (tuned+AppCDS, with -XX:NativeMemoryTracking=summary: RSS "
                    + String.format("%.1f MiB", diagnosed.rssMiB()) + ")", where.toString());
            double best = Load.median(seconds.get("tuned+AppCDS"));
            double defaults = Load.median(seconds.get("defaults"));
            double tunedOnly = Load.median(seconds.get("tuned"));
            report.row("3. " + name + ": launch to first successful request (tuned+AppCDS, median of " + ROUNDS + ")",
                    String.format("%.2f s", best),
                    String.format("rounds %s s; defaults %.2f s, tuned %.2f s; until then the main thread alone used %.2f"
                            + " CPU-s (a floor on any number of cores), the whole process %.2f CPU-s (at least %.2f s on %d"
                            + " cores)", rounds(seconds.get("tuned+AppCDS")), defaults, tunedOnly, Load.median(mainCpu.get("tuned+AppCDS")), Load.median(processCpu.get("tuned+AppCDS")),
                            Load.median(processCpu.get("tuned+AppCDS")) / CORES, CORES),
                    String.format("%.2f×", best / defaults),
                    "<= 1.5 s", best <= 1.5);
            double bestRss = Load.median(rss.get("tuned+AppCDS"));
            double defaultRss = Load.median(rss.get("defaults"));
            report.row("3. " + name + ": RSS after the first request (tuned+AppCDS)", String.format("%.0f MiB", bestRss),
                    String.format("defaults %.0f MiB, tuned %.0f MiB", defaultRss, Load.median(rss.get("tuned"))),
                    String.format("%.2f×", bestRss / defaultRss), "<= 200 MB", bestRss * 1.048576 <= 200);
            if (newerJava.isPresent()) {
                double aot = Load.median(seconds.get(AOT));
                double aotRss = Load.median(rss.get(AOT));
                report.row("3. " + name + ": launch to first successful request, " + AOT + " (not the product's JDK 17)",
                        String.format("%.2f s", aot), String.format("tuned+AppCDS on JDK 17 %.2f s; main thread %.2f"
                                + " CPU-s, whole process %.2f CPU-s", best, Load.median(mainCpu.get(AOT)),
                                Load.median(processCpu.get(AOT))),
                        String.format("%.2f×", aot / best), "<= 1.5 s", aot <= 1.5);
                report.row("3. " + name + ": RSS after the first request, " + AOT + " (not the product's JDK 17)",
                        String.format("%.0f MiB", aotRss), String.format("tuned+AppCDS on JDK 17 %.0f MiB", bestRss),
                        String.format("%.2f×", aotRss / bestRss), "<= 200 MB", aotRss * 1.048576 <= 200);
            }
        }
    }

    /** Each round's figure, in the order taken: {@code 1.84 / 1.70 / 1.42}. */
    static String rounds(List<Double> figures) {
        return String.join(" / ", figures.stream().map(f -> String.format("%.2f", f)).toList());
    }

    /**
     * One start: seconds to the first 200, RSS in MiB right after it, and the CPU seconds used until then by the main
     * thread (which runs the whole boot, one step after another) and by the process, with the table by thread.
     */
    record Start(double seconds, double rssMiB, double mainCpu, double cpu, String threads) {
    }

    /** One start of {@code name} with the JVM options {@code jvm}, run by {@code java} (null: the bench's own JDK). */
    Start measure(Platform platform, String name, String probe, List<String> jvm, String label,
            java.util.function.LongConsumer inspect, Path java) {
        int port = Ports.free();
        AppProcess app = platform.app(name).replica(name + "-bench", port,
                bench.work().resolve("logs/" + name + "-bench-" + label.replaceAll("[^A-Za-z0-9+.-]", "-") + ".log"), jvm);
        if (java != null) {
            app.runWith(java);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe))
                .header("Authorization", "Bearer " + Fixtures.ADMIN).timeout(Duration.ofSeconds(5)).GET().build();
        long t0 = System.nanoTime();
        app.start();
        try {
            while (System.nanoTime() - t0 < 120_000_000_000L) {
                try {
                    if (Load.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        double rss = Machine.rssMiB(app.pid());
                        Map<String, Double> threads = Machine.cpuByThread(app.pid());
                        if (inspect != null) {
                            inspect.accept(app.pid());
                        }
                        StringBuilder table = new StringBuilder();
                        threads.forEach((thread, cpu) -> {
                            if (cpu >= 0.01) {
                                table.append(String.format("%8.2f  %s%n", cpu, thread));
                            }
                        });
                        double total = threads.values().stream().mapToDouble(Double::doubleValue).sum();
                        return new Start(seconds, rss, threads.getOrDefault("main", 0.0), total,
                                table.append(String.format("%8.2f  total%n", total)).toString());
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                if (!app.running()) {
                    throw new IllegalStateException(name + " exited; see " + app.log());
                }
                Load.sleep(5);
            }
            throw new IllegalStateException(name + " never answered " + probe);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            app.stop();
        }
    }
}
