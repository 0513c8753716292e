package ma.technopark.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.technopark.infra.AppProcess;
import ma.technopark.infra.Platform;
import ma.technopark.infra.Ports;

/**
 * {@code bench/run.sh tails <label>=<JVM options> ...}: the gateway's latency at scenario 1's fixed rate under variants,
 * by hand. Each variant is a gateway of its own (the platform's jar and settings, the apps' JVM options of the bench
 * plus the variant's: system properties included, so a setting can be compared with its default) in front of the
 * same sites-service; sites-service direct and Vert.x's bare proxy run beside them as scenario 1's comparators. After
 * scenario 1's warm-up, each target takes the open-loop client's 1,000 requests/s for 10 s in turns, the order rotated
 * each round ({@code BENCH_TAILS_ROUNDS}, 4 by default). Prints each round's p50, p99 and the p99 by the second, then
 * the medians; writes no result file (redirect it under {@code bench/results/} when it backs a finding).
 */
final class GatewayTails {
    private GatewayTails() {
    }

    static void run(Bench bench, List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: bench/run.sh tails <label>=<JVM options> [<label>=<JVM options> ...]");
        }
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_TAILS_ROUNDS", "4"));
        Platform platform = bench.platform();
        String sites = platform.app(Platform.SITES).url();
        String path = "/api/v1/sites/" + Fixtures.operationalSite(sites, "BENCH-TAILS", 100).get("id").asText();
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("direct", sites + path);
        List<AppProcess> gateways = new ArrayList<>();
        int bareProxyPort = Ports.free();
        Process bareProxy = GatewayOverhead.startComparator(bench, BareProxy.class, bareProxyPort,
                platform.app(Platform.SITES).port());
        try (OpenLoop openLoop = new OpenLoop(64)) {
            targets.put("vertx", "http://127.0.0.1:" + bareProxyPort + path);
            for (String variant : args) {
                int eq = variant.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("a variant is <label>=<JVM options>: " + variant);
                }
                String label = variant.substring(0, eq);
                List<String> jvm = new ArrayList<>(List.of(Bench.SERVER_JVM.split(" ")));
                String options = variant.substring(eq + 1).trim();
                if (!options.isEmpty()) {
                    jvm.addAll(List.of(options.split("\\s+")));
                }
                int port = Ports.free();
                AppProcess gateway = platform.app(Platform.GATEWAY).replica("gateway-" + label, port,
                        bench.work().resolve("logs/gateway-" + label + ".log"), jvm);
                gateway.start();
                gateways.add(gateway);
                targets.put(label, gateway.url() + path);
                System.out.println(label + ": " + String.join(" ", jvm));
            }
            for (String url : targets.values()) {
                GatewayOverhead.awaitOk(url);
                Load.wrk(url, null, 64, Duration.ofSeconds(5));
            }
            System.out.println(WarmUp.untilJitSettles(GatewayOverhead.WARM_UP, GatewayOverhead.MAX_WARM_UP, d -> {
                for (String url : targets.values()) {
                    Load.wrk(url, null, 64, d.dividedBy(targets.size()));
                }
            }));
            for (String url : targets.values()) {
                openLoop.get(url, null, GatewayOverhead.RATE, Duration.ofSeconds(5));
            }
            Map<String, List<Double>> p50 = new LinkedHashMap<>();
            Map<String, List<Double>> p99 = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, String> t : GatewayOverhead.rotate(targets, round)) {
                    Load.Latencies l = openLoop.get(t.getValue(), null, GatewayOverhead.RATE, GatewayOverhead.FIXED);
                    p50.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(l.p(50));
                    p99.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(l.p(99));
                    System.out.printf("round %d %-12s p50 %.3f ms, p99 %.3f ms, failed %d; p99 by the second: %s%n", round + 1,
                            t.getKey(), l.p(50), l.p(99), l.failed(), secondP99s(openLoop.timeline()));
                }
            }
            for (String label : targets.keySet()) {
                System.out.printf("median %-12s p50 %.3f ms, p99 %.3f ms (%s)%n", label, Load.median(p50.get(label)),
                        Load.median(p99.get(label)), StartupMemory.rounds(p99.get(label)));
            }
        } finally {
            gateways.forEach(AppProcess::stop);
            bareProxy.destroy();
        }
    }

    /** The p99 column of {@link OpenLoop#timeline()}, one figure per second. */
    private static String secondP99s(String timeline) {
        List<String> p99s = new ArrayList<>();
        for (String line : timeline.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5 && f[0].matches("[0-9]+")) {
                p99s.add(f[3]);
            }
        }
        return String.join(" ", p99s);
    }
}
