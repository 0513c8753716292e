package ma.technopark.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.technopark.infra.Platform;

/**
 * Scenarios 1 and 2: the same database-backed GET (a site by id) direct to sites-service, through nginx and
 * through the gateway, at saturation (wrk, 64 connections) and at a fixed 1,000 requests/s (open loop);
 * then the read throughput of a site by id and of a 20-item page of startups, beside pgbench running the same
 * queries on the database alone.
 */
final class GatewayOverhead {
    static final int ROUNDS = 3;
    static final Duration SATURATION = Duration.ofSeconds(10);
    static final Duration FIXED = Duration.ofSeconds(10);
    static final int RATE = 1000;
    static final Duration WARM_UP = Duration.ofSeconds(30);
    static final Duration MAX_WARM_UP = Duration.ofMinutes(4);

    private final Bench bench;

    GatewayOverhead(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Platform platform = bench.platform();
        String sites = platform.app(Platform.SITES).url();
        String startups = platform.app(Platform.STARTUPS).url();
        String gateway = platform.app(Platform.GATEWAY).url();
        String siteId = Fixtures.operationalSite(sites, "BENCH-GW", 100).get("id").asText();
        Fixtures.startups(startups, 60);
        String path = "/api/v1/sites/" + siteId;
        awaitOk(gateway + path);
        Report report = bench.report("gateway", "Gateway overhead and read throughput");
        int bareProxyPort = ma.technopark.infra.Ports.free();
        Process bareProxy = startComparator(bench, BareProxy.class, bareProxyPort, platform.app(Platform.SITES).port());
        int nettyProxyPort = ma.technopark.infra.Ports.free();
        Process nettyProxy = startComparator(bench, NettyProxy.class, nettyProxyPort, platform.app(Platform.SITES).port());
        try (Nginx nginx = Nginx.proxyTo(bench.work().resolve("nginx"), platform.app(Platform.SITES).port());
                OpenLoop openLoop = new OpenLoop(64)) {
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("direct", sites + path);
            targets.put("nginx", nginx.url() + path);
            targets.put("gateway", gateway + path);
            targets.put("vertx", "http://127.0.0.1:" + bareProxyPort + path);
            targets.put("netty", "http://127.0.0.1:" + nettyProxyPort + path);
            awaitOk(targets.get("vertx"));
            awaitOk(targets.get("netty"));
            report.section("setup", "GET " + path + " (public, one row by primary key, JSON of ~1 KB)\n" + Nginx.version()
                    + "\nvertx: BareProxy, Vert.x's reverse proxy alone in its own JVM (the library the gateway forwarded"
                    + " every request with until its Netty lane, and still forwards a connection's first request with),"
                    + " without Quarkus, edge checks, metrics, tracing, CORS"
                    + "\nnetty: NettyProxy, the leanest JVM proxy (Netty alone: whole messages passed on untouched over a"
                    + " backend connection per client connection on the same event loop), the floor of any JVM gateway"
                    + "\napps' JVM options: " + Bench.SERVER_JVM + "\none instance of each app; PostgreSQL, Kafka, the"
                    + " apps, nginx and the load generator share the 2 cores\nsaturation: wrk -t2 -c64, 10 s per run; fixed rate:"
                    + " the bench's open-loop client (Vert.x, up to 64 keep-alive connections, latency from each request's"
                    + " due time), 10 s per run; after a warm-up through every target in turns until the JIT settles"
                    + " (at least 30 s, at most 4 min); runs interleaved A B C / B C A / C A B, medians");
            // warm-up: pools and connections, then the JIT, in turns through every target until the compilers of
            // the apps under load (sites-service, the gateway) have settled; not measured
            for (String url : targets.values()) {
                Load.wrk(url, null, 64, Duration.ofSeconds(5));
            }
            report.section("warm-up: saturation through every target in turns until the JIT settles",
                    WarmUp.untilJitSettles(WARM_UP, MAX_WARM_UP, d -> {
                        for (String url : targets.values()) {
                            Load.wrk(url, null, 64, d.dividedBy(targets.size()));
                        }
                    }));
            for (String url : targets.values()) {
                openLoop.get(url, null, RATE, Duration.ofSeconds(5));
            }
            // each proxy's own CPU per request at saturation: steadier than requests per second on a host whose speed
            // moves from one run to the next, and what the throughput ratios follow from
            Map<String, ProcessHandle> proxies = Map.of("nginx", nginx.process(),
                    "gateway", ProcessHandle.of(platform.app(Platform.GATEWAY).pid()).orElseThrow(),
                    "vertx", bareProxy.toHandle(), "netty", nettyProxy.toHandle());
            Map<String, List<Double>> cpuMicros = new LinkedHashMap<>();
            Map<String, List<Double>> rps = new LinkedHashMap<>();
            Map<String, List<Double>> p50 = new LinkedHashMap<>();
            Map<String, List<Double>> p99 = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, String> t : rotate(targets, round)) {
                    ProcessHandle proxy = proxies.get(t.getKey());
                    double cpuBefore = proxy == null ? 0 : Machine.cpuSeconds(proxy);
                    Load.Wrk wrk = Load.wrk(t.getValue(), null, 64, SATURATION);
                    String cpu = "";
                    if (proxy != null) {
                        double micros = 1e6 * (Machine.cpuSeconds(proxy) - cpuBefore) / Math.max(1, wrk.requests());
                        cpuMicros.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(micros);
                        cpu = String.format("%nthe proxy's own CPU (user and system, /proc): %.1f µs per request", micros);
                    }
                    rps.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(wrk.rps());
                    report.section("saturation round " + (round + 1) + ": " + t.getKey() + " (wrk)", wrk.raw() + cpu);
                    check(wrk);
                }
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, String> t : rotate(targets, round)) {
                    String url = t.getValue();
                    Load.Latencies l = openLoop.get(url, null, RATE, FIXED);
                    if (l.failed() > 0) {
                        throw new IllegalStateException("failures at a fixed rate: " + l.raw(t.getKey()));
                    }
                    p50.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(l.p(50));
                    p99.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(l.p(99));
                    report.section("fixed rate round " + (round + 1) + ": " + t.getKey() + " (open loop, " + RATE + "/s)",
                            l.raw(t.getKey()) + "\n" + openLoop.timeline());
                }
            }
            double direct = Load.median(rps.get("direct"));
            double viaNginx = Load.median(rps.get("nginx"));
            double viaGateway = Load.median(rps.get("gateway"));
            report.section("medians", "requests/s: " + rps + "\nthe proxy's CPU per request at saturation, µs: " + cpuMicros
                    + "\np50 ms: " + p50 + "\np99 ms: " + p99);
            double viaVertx = Load.median(rps.get("vertx"));
            double viaNetty = Load.median(rps.get("netty"));
            report.row("1. Gateway throughput at saturation vs direct", Load.f(viaGateway) + " req/s",
                    "direct " + Load.f(direct) + " req/s (bare Vert.x proxy " + Load.f(viaVertx) + ", "
                            + String.format("%.2f×", viaVertx / direct) + " direct)",
                    String.format("%.2f×", viaGateway / direct), ">= 0.85× direct", viaGateway / direct >= 0.85);
            report.row("1. Gateway throughput at saturation vs nginx", Load.f(viaGateway) + " req/s",
                    "nginx " + Load.f(viaNginx) + " req/s (the leanest JVM proxy, Netty alone, " + Load.f(viaNetty) + ": "
                            + String.format("%.2f×", viaNetty / viaNginx) + " nginx); each proxy's CPU per request: "
                            + String.format("gateway %.0f µs, nginx %.0f, bare Vert.x proxy %.0f, Netty %.0f",
                                    Load.median(cpuMicros.get("gateway")), Load.median(cpuMicros.get("nginx")),
                                    Load.median(cpuMicros.get("vertx")), Load.median(cpuMicros.get("netty"))),
                    String.format("%.2f×", viaGateway / viaNginx), ">= 0.9× nginx",
                    viaGateway / viaNginx >= 0.9);
            for (double q : new double[] {50, 99}) {
                Map<String, List<Double>> at = q == 50 ? p50 : p99;
                double d = Load.median(at.get("direct"));
                double g = Load.median(at.get("gateway"));
                double n = Load.median(at.get("nginx"));
                double goal = q == 50 ? 0.3 : 1.5;
                double v = Load.median(at.get("vertx"));
                // Two signs of a disturbed run, whose difference is not a figure: a proxy answering faster than its own
                // backend, or the backend's own rounds disagreeing by more than 2x (the reference moved under the
                // comparison: the host took the cores for part of the run).
                boolean belowDirect = g < d || n < d || v < d;
                double directLow = Collections.min(at.get("direct"));
                double directHigh = Collections.max(at.get("direct"));
                boolean unsteady = directHigh > 2 * directLow;
                String disturbance = belowDirect ? "; below direct: a disturbed run, not a figure"
                        : unsteady ? String.format("; direct's own rounds ranged %.3f-%.3f ms: a disturbed run, not a figure",
                                directLow, directHigh) : "";
                report.row(String.format("1. Latency added by the gateway at %d req/s, p%.0f", RATE, q),
                        String.format("%+.3f ms (%.3f vs %.3f direct)", g - d, g, d),
                        String.format("nginx %+.3f ms, bare Vert.x proxy %+.3f ms", n - d, v - d) + disturbance, "",
                        "<= " + goal + " ms", disturbance.isEmpty() && g - d <= goal);
            }
            double db = pgbench(report, "sites", "SELECT * FROM site WHERE id = '" + siteId + "';");
            bareProxy.destroy();
            nettyProxy.destroy();
            report.row("2. Site by id, direct, 64 connections", Load.f(direct) + " req/s",
                    "pgbench, same query: " + Load.f(db) + " q/s", String.format("%.2f×", direct / db), ">= 5,000 req/s",
                    direct >= 5000);
        }
        List<Double> page = new ArrayList<>();
        String url = startups + "/api/v1/startups?limit=20";
        // startups-service has had no traffic yet: measured after a fixed 30 s, its page made 1,000-1,800 req/s for
        // minutes and 4,000 once its JIT had settled (bench/FINDINGS.md, "Read throughput (2)")
        report.section("warm-up: the page of 20 startups until the JIT settles",
                WarmUp.untilJitSettles(WARM_UP, MAX_WARM_UP, d -> Load.wrk(url, Fixtures.ADMIN, 64, d)));
        for (int round = 0; round < ROUNDS; round++) {
            Load.Wrk wrk = Load.wrk(url, Fixtures.ADMIN, 64, SATURATION);
            page.add(wrk.rps());
            report.section("startups page round " + (round + 1) + " (wrk)", wrk.raw());
            check(wrk);
        }
        double pageRps = Load.median(page);
        double db = pgbench(report, "startups", "SELECT * FROM startup ORDER BY id LIMIT 21;");
        report.row("2. Page of 20 startups, direct, 64 connections", Load.f(pageRps) + " req/s",
                "pgbench, same query: " + Load.f(db) + " q/s", String.format("%.2f×", pageRps / db), ">= 2,000 req/s",
                pageRps >= 2000);
    }

    /** A comparator proxy in its own JVM, with the apps' JVM options: {@code main LISTEN_PORT BACKEND_PORT}. */
    static Process startComparator(Bench bench, Class<?> main, int port, int backendPort) {
        try {
            List<String> command = new ArrayList<>(List.of(ma.technopark.infra.Processes.javaExecutable()));
            command.addAll(List.of(Bench.SERVER_JVM.split(" ")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), Integer.toString(port),
                    Integer.toString(backendPort)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(bench.work().resolve(main.getSimpleName() + ".log").toFile()).start();
            ma.technopark.infra.Processes.onExit(process::destroy); // a bench stopped by a signal stops it too
            return process;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The database alone on the same query (16 clients: the services' pools leave no room for 64). */
    private double pgbench(Report report, String database, String sql) {
        Pgbench.Result r = Pgbench.run(bench.infra(), database, bench.work().resolve("pgbench"), sql, 16, SATURATION);
        report.section("the database alone: pgbench, 16 clients", r.raw());
        return r.tps();
    }

    private static void check(Load.Wrk wrk) {
        if (wrk.non2xx() > 0) {
            throw new IllegalStateException("errors under load: " + wrk.raw());
        }
    }

    /** The targets in a different order each round (A B C, B C A, C A B), so that no one always goes first. */
    static <K, V> List<Map.Entry<K, V>> rotate(Map<K, V> map, int round) {
        List<Map.Entry<K, V>> entries = new ArrayList<>(map.entrySet());
        java.util.Collections.rotate(entries, -round);
        return entries;
    }

    static void awaitOk(String url) {
        for (int i = 0; i < 600; i++) {
            try {
                if (Load.send(Load.get(url, Fixtures.ADMIN)).statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not up yet
            }
            Load.sleep(100);
        }
        throw new IllegalStateException(url + " never answered 200");
    }
}
