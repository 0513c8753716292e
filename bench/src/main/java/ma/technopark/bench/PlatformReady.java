package ma.technopark.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ma.technopark.infra.Ports;

/**
 * Scenario 3, the whole platform: {@code ./technopark} (already built) until it prints that it is ready and a
 * request through the gateway answers 200. The build ends with {@code ./technopark prepare}, the training start that
 * dumps every program's class archive and makes the infrastructure's first data; it is timed first. Then three rounds
 * of first starts on empty data folders, in turns with nothing from the build (cold JVMs, initdb, Kafka's storage
 * format, migrations: {@code TECHNOPARK_CLASS_ARCHIVES=none}, the comparator) and with the build's archives and first
 * data (copied, then migrations); then later starts on the last folder's data.
 */
final class PlatformReady {
    static final int FIRST_RUNS = 3;
    static final int WARM_RUNS = 3;
    private final Bench bench;

    PlatformReady(Bench bench) {
        this.bench = bench;
    }

    void run() {
        Report report = bench.report("ready", "The whole platform from the run command");
        Map<String, String> ports = Map.of("POSTGRES_PORT", port(), "KAFKA_PORT", port(), "KAFKA_CONTROLLER_PORT", port(),
                "GATEWAY_PORT", port(), "SITES_PORT", port(), "STARTUPS_PORT", port(), "PROGRAMS_PORT", port());
        Map<String, String> noArchives = new java.util.HashMap<>(ports);
        noArchives.put("TECHNOPARK_CLASS_ARCHIVES", "none");

        long t0 = System.nanoTime();
        String training = Processes.run(Duration.ofMinutes(5), bench.root().resolve("technopark").toString(), "prepare");
        double prepare = (System.nanoTime() - t0) / 1e9;
        if (training.contains("Building the platform") || !training.contains("Class archives ready")) {
            throw new IllegalStateException("./technopark prepare rebuilt the platform or failed:\n" + training);
        }
        report.section(String.format("the build's last step: ./technopark prepare, %.1f s", prepare), training);

        // First starts, each on an empty data folder, in turns with and without the build's class archives
        List<Start> cold = new ArrayList<>();
        List<Start> first = new ArrayList<>();
        Path data = null;
        for (int round = 1; round <= FIRST_RUNS; round++) {
            Path coldData = fresh("ready-data-cold-" + round);
            cold.add(start(report, "round " + round + ", first start with no class archive (cold JVMs; empty data folder)",
                    coldData, noArchives));
            delete(coldData);
            data = fresh("ready-data-" + round);
            first.add(start(report, "round " + round + ", first start (empty data folder, the build's class archives)",
                    data, ports));
        }
        List<Start> later = new ArrayList<>();
        for (int i = 0; i < WARM_RUNS; i++) {
            later.add(start(report, "later start " + (i + 1) + " (existing data)", data, ports));
        }
        double firstMedian = median(first, Start::seconds);
        double laterMedian = median(later, Start::seconds);
        report.row("3. Whole platform ready from the run command (existing data)", String.format("%.1f s", laterMedian),
                String.format("first start, empty data folder: %.1f s", firstMedian),
                String.format("%.2f×", laterMedian / firstMedian), "<= 15 s", laterMedian <= 15);
        int cores = Runtime.getRuntime().availableProcessors();
        double coldCpu = median(cold, Start::cpu);
        report.row("3. Whole platform ready from the run command (first start, median of " + FIRST_RUNS + ")",
                String.format("%.1f s", firstMedian),
                String.format("runs %s s; in turns with no class archive (cold JVMs): %.1f s, %.1f CPU-s until ready, at"
                        + " least %.1f s on %d cores (with the archives %.1f CPU-s, later starts %.1f); the build's"
                        + " training start %.1f s", join(first), median(cold, Start::seconds), coldCpu, coldCpu / cores,
                        cores, median(first, Start::cpu), median(later, Start::cpu), prepare),
                String.format("%.2f×", firstMedian / median(cold, Start::seconds)), "<= 15 s", firstMedian <= 15);
    }

    /** One start: seconds from the launch to the first 200, and the CPU every process used meanwhile. */
    record Start(double seconds, double cpu) {
    }

    private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> figure) {
        return Load.median(starts.stream().map(figure::applyAsDouble).toList());
    }

    private static String join(List<Start> starts) {
        return String.join(" / ", starts.stream().map(s -> String.format("%.1f", s.seconds())).toList());
    }

    private Path fresh(String name) {
        Path dir = bench.work().resolve(name);
        delete(dir);
        return dir;
    }

    /** Launches the run command, waits for the first 200 through its gateway, and stops it. */
    private Start start(Report report, String label, Path data, Map<String, String> ports) {
        Map<String, Double> cpuBefore = Machine.cpuSeconds();
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(bench.root().resolve("technopark").toString(), "run", "--data-dir",
                data.toString()).directory(bench.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(ports);
        StringBuilder output = new StringBuilder();
        try {
            Process process = builder.start();
            CompletableFuture<Long> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (output) {
                            output.append(String.format("[%6d ms] ", (System.nanoTime() - t0) / 1_000_000)).append(line).append('\n');
                        }
                        if (line.contains("is ready in")) {
                            ready.complete(System.nanoTime());
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                ready.complete(-1L);
            });
            reader.start();
            long readyAt = ready.get(5, TimeUnit.MINUTES);
            synchronized (output) {
                if (output.indexOf("Building the platform") >= 0) {
                    throw new IllegalStateException("the run command rebuilt the platform first: build, then measure");
                }
            }
            if (readyAt < 0) {
                throw new IllegalStateException("the platform did not start:\n" + output);
            }
            String gateway = "http://localhost:" + ports.get("GATEWAY_PORT") + "/api/v1/sites";
            GatewayOverhead.awaitOk(gateway);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> cpuAfter = Machine.cpuSeconds();
            String cpuTable = Machine.cpuUsed(cpuBefore, cpuAfter, seconds)
                    + "  (processes that ended before the first 200, initdb and Kafka's storage format, are not counted)\n";
            process.destroy();
            process.waitFor(90, TimeUnit.SECONDS);
            reader.join(5_000);
            synchronized (output) {
                report.section(label + String.format(": first 200 through the gateway after %.2f s", seconds),
                        output + "\n" + cpuTable);
            }
            return new Start(seconds, Machine.cpuTotal(cpuBefore, cpuAfter));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(label + ": " + e + "\n" + output, e);
        }
    }

    private static void delete(Path dir) {
        try {
            ma.technopark.infra.Processes.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }
}
