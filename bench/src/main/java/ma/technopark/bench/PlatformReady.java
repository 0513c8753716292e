package ma.technopark.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ma.technopark.infra.Ports;

/**
 * Scenario 3, the whole platform: {@code ./technopark} (already built) until it prints that it is ready and a
 * request through the gateway answers 200. The first start (empty data folder: initdb, Kafka's storage,
 * migrations) is the comparator of the next ones (existing data).
 */
final class PlatformReady {
    static final int WARM_RUNS = 3;
    private final Bench bench;
    /** CPU seconds all processes used from the launch to the first 200, per start. */
    private final List<Double> cpu = new ArrayList<>();

    PlatformReady(Bench bench) {
        this.bench = bench;
    }

    void run() {
        Report report = bench.report("ready", "The whole platform from the run command");
        Path data = bench.work().resolve("ready-data");
        Map<String, String> ports = Map.of("POSTGRES_PORT", port(), "KAFKA_PORT", port(), "KAFKA_CONTROLLER_PORT", port(),
                "GATEWAY_PORT", port(), "SITES_PORT", port(), "STARTUPS_PORT", port(), "PROGRAMS_PORT", port());
        double first = start(report, "first start (empty data folder)", data, ports);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < WARM_RUNS; i++) {
            warm.add(start(report, "start " + (i + 2) + " (existing data)", data, ports));
        }
        double median = Load.median(warm);
        report.row("3. Whole platform ready from the run command (existing data)", String.format("%.1f s", median),
                String.format("first start, empty data folder: %.1f s", first), String.format("%.2f×", median / first),
                "<= 15 s", median <= 15);
        int cores = Runtime.getRuntime().availableProcessors();
        report.row("3. Whole platform ready from the run command (first start)", String.format("%.1f s", first),
                String.format("CPU used until ready %.1f CPU-s (later starts %.1f): at least %.1f s on %d cores", cpu.get(0),
                        Load.median(cpu.subList(1, cpu.size())), cpu.get(0) / cores, cores), "", "<= 15 s", first <= 15);
    }

    /** Seconds from launching the run command to the first 200 through its gateway. */
    private double start(Report report, String label, Path data, Map<String, String> ports) {
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
            cpu.add(Machine.cpuTotal(cpuBefore, cpuAfter));
            String cpuTable = Machine.cpuUsed(cpuBefore, cpuAfter, seconds)
                    + "  (processes that ended before the first 200, initdb and Kafka's storage format, are not counted)\n";
            process.destroy();
            process.waitFor(90, TimeUnit.SECONDS);
            reader.join(5_000);
            synchronized (output) {
                report.section(label + String.format(": first 200 through the gateway after %.2f s", seconds),
                        output + "\n" + cpuTable);
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(label + ": " + e + "\n" + output, e);
        }
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }
}
