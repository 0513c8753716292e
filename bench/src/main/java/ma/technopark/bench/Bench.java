package ma.technopark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.technopark.infra.Infra;
import ma.technopark.infra.Platform;
import ma.technopark.infra.Ports;

/**
 * The benchmarks' entry point ({@code bench/run.sh [scenario...]}). Each scenario writes its raw tool output
 * and the machine's description to {@code bench/results/<scenario>.txt}, its figures to
 * {@code bench/results/summary.tsv}, and the table in {@code bench/README.md} is rewritten from that file.
 *
 * <p>Scenarios: {@code ready} (the run command), {@code startup} (each jar alone), {@code gateway} (overhead and
 * read throughput), {@code contention}, {@code growth}, {@code events}. Without arguments: all, in that order.
 */
public final class Bench implements AutoCloseable {
    static final List<String> ALL = List.of("ready", "startup", "gateway", "contention", "growth", "events");

    private final Path root;
    private final Path work;
    private final Summary summary;
    private Infra infra;
    private Platform platform;

    private Bench(Path root) throws Exception {
        this.root = root;
        this.work = root.resolve("bench/target/work");
        ma.technopark.infra.Processes.deleteTree(work);
        Files.createDirectories(work);
        this.summary = new Summary(root.resolve("bench/results/summary.tsv"), root.resolve("bench/README.md"));
        ma.technopark.infra.Processes.onExit(this::close); // a bench stopped by a signal stops its apps, broker and PostgreSQL too
    }

    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length == 0 ? ALL : List.of(args);
        if (args.length > 0 && args[0].equals("pairs")) {
            try (Bench bench = new Bench(Platform.findRoot())) {
                StartupPairs.run(bench, List.of(args).subList(1, args.length));
            }
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("tails")) {
            try (Bench bench = new Bench(Platform.findRoot())) {
                GatewayTails.run(bench, List.of(args).subList(1, args.length));
            }
            System.exit(0);
        }
        if (scenarios.equals(List.of("serve"))) {
            serve();
            return;
        }
        for (String s : scenarios) {
            if (!ALL.contains(s)) {
                System.err.println("unknown scenario " + s + "; known: " + ALL);
                System.exit(2);
            }
        }
        try (Bench bench = new Bench(Platform.findRoot())) {
            for (String scenario : scenarios) {
                long started = System.nanoTime();
                System.out.println("== " + scenario);
                switch (scenario) {
                    case "ready" -> new PlatformReady(bench).run();
                    case "startup" -> new StartupMemory(bench).run();
                    case "gateway" -> new GatewayOverhead(bench).run();
                    case "contention" -> new Contention(bench).run();
                    case "growth" -> new Growth(bench).run();
                    case "events" -> new Events(bench).run();
                    default -> throw new IllegalStateException(scenario);
                }
                System.out.printf("== %s done in %d s%n", scenario, (System.nanoTime() - started) / 1_000_000_000L);
            }
        }
        System.exit(0);
    }

    /**
     * {@code bench/run.sh serve}: the bench's platform (same JVM options, rate limits lifted) and an nginx in front of
     * sites-service, kept up until the bench is stopped, for profiling and experiments by hand.
     */
    private static void serve() throws Exception {
        try (Bench bench = new Bench(Platform.findRoot());
             Nginx nginx = Nginx.proxyTo(bench.work().resolve("nginx"), bench.platform().app(Platform.SITES).port())) {
            for (String app : List.of(Platform.SITES, Platform.STARTUPS, Platform.PROGRAMS, Platform.GATEWAY)) {
                System.out.println(app + " " + bench.platform().app(app).url());
            }
            System.out.println("nginx (to sites-service) " + nginx.url());
            System.out.println("PostgreSQL " + bench.infra().jdbcUrl("sites") + " (user " + bench.infra().username() + ")");
            ma.technopark.infra.Processes.onExit(nginx::close); // a signal skips the try's close
            System.out.println("serving; stop with Ctrl-C");
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

    Path root() {
        return root;
    }

    /** A scratch folder, emptied at each run. */
    Path work() {
        return work;
    }

    /** A report for one scenario: raw sections, then its rows in the summary. */
    Report report(String scenario, String title) {
        return new Report(root.resolve("bench/results/" + scenario + ".txt"), scenario, title, summary);
    }

    /** PostgreSQL and Kafka for the benchmarks: fresh, on free ports, under bench/target/work. */
    synchronized Infra infra() {
        if (infra == null) {
            infra = Infra.at(work.resolve("data"), Ports.free(), Ports.free(), Ports.free()).start();
        }
        return infra;
    }

    /**
     * The platform from its packaged jars, one instance of each app (so that figures are per instance), no demo
     * data, rate limits lifted (one address sends everything), JVM options from {@link #SERVER_JVM}.
     */
    synchronized Platform platform() {
        if (platform == null) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TECHNOPARK_RATE_LIMIT", "100000000");
            env.put("TECHNOPARK_RESERVATIONS_RATE_LIMIT", "100000000");
            env.put("TECHNOPARK_CREDENTIALS_RATE_LIMIT", "100000000");
            env.put("TECHNOPARK_DEMO_ENABLED", "false");
            env.put("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", "WARN");
            List<String> jvm = new ArrayList<>(List.of(SERVER_JVM.split(" ")));
            String extra = System.getenv("BENCH_JVM_EXTRA");
            if (extra != null && !extra.isBlank()) {
                // experiments: system properties (a -Dmp.messaging... setting, say) given to every app
                jvm.addAll(List.of(extra.trim().split("\\s+")));
            }
            String jfr = System.getenv("BENCH_JFR");
            if (jfr != null && !jfr.isBlank()) {
                // a flight recording per app (file name with its pid), dumped when the bench stops it
                jvm.add("-XX:StartFlightRecording=filename=" + jfr + "/,settings=profile,dumponexit=true");
            }
            platform = Platform.create(root, work.resolve("logs"), infra(), Platform.freePorts(), "local", env, jvm);
            platform.start(Duration.ofMinutes(3));
        }
        return platform;
    }

    /** The JVM options of the apps under load: as the run command's, but with the full JIT (C1 and C2). */
    static final String SERVER_JVM = "-Xms256m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        if (platform != null) {
            all.add(platform);
        }
        if (infra != null) {
            all.add(infra);
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }
}
