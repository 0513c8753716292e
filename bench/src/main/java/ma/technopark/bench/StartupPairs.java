package ma.technopark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.technopark.infra.Platform;

/**
 * {@code bench/run.sh pairs <app> <label>=<JVM options> ...}: one app's start-up under variants, by hand. Each variant
 * gets the tuned flags of scenario 3, its own options (system properties included, so a setting can be compared with
 * its default) and a class archive of its own from a training start; then the variants start in turns, the order
 * rotated each round ({@code BENCH_PAIRS_ROUNDS}, 6 by default), each timed from launch to the app's first 200 as
 * scenario 3 does. {@code BENCH_PAIRS_MEASURED} adds options to the measured starts only (an agent such as
 * async-profiler, which a class archive's dump refuses). Prints each start and the medians; writes no result file
 * (redirect it under {@code bench/results/} when it backs a finding).
 */
final class StartupPairs {
    private StartupPairs() {
    }

    static void run(Bench bench, List<String> args) {
        if (args.size() < 2 || !StartupMemory.PROBES.containsKey(args.get(0))) {
            throw new IllegalArgumentException("usage: bench/run.sh pairs <" + String.join("|", StartupMemory.PROBES.keySet())
                    + "> <label>=<JVM options> [<label>=<JVM options> ...]");
        }
        String app = args.get(0);
        String probe = StartupMemory.PROBES.get(app);
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_PAIRS_ROUNDS", "6"));
        List<String> measuredOnly = words(System.getenv().getOrDefault("BENCH_PAIRS_MEASURED", ""));
        Platform platform = bench.platform();
        StartupMemory startup = new StartupMemory(bench);
        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (String variant : args.subList(1, args.size())) {
            int eq = variant.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("a variant is <label>=<JVM options>: " + variant);
            }
            String label = variant.substring(0, eq);
            List<String> jvm = new ArrayList<>(StartupMemory.TUNED);
            jvm.addAll(words(variant.substring(eq + 1)));
            Path archive = bench.work().resolve("pairs/" + label + ".jsa");
            try {
                Files.createDirectories(archive.getParent());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            List<String> training = new ArrayList<>(jvm);
            training.add("-XX:ArchiveClassesAtExit=" + archive);
            startup.measure(platform, app, probe, training, label + "-training", null, null);
            jvm.add("-XX:SharedArchiveFile=" + archive);
            jvm.addAll(measuredOnly);
            variants.put(label, jvm);
            System.out.println(label + ": " + String.join(" ", jvm));
        }
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, List<Double>> mainCpu = new LinkedHashMap<>();
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, List<String>> v : GatewayOverhead.rotate(variants, round)) {
                StartupMemory.Start s = startup.measure(platform, app, probe, v.getValue(), v.getKey(), null, null);
                seconds.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(s.seconds());
                mainCpu.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(s.mainCpu());
                rss.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(s.rssMiB());
                System.out.printf("round %d %-16s first 200 after %.3f s, RSS %.1f MiB; CPU until then: main thread %.2f s,"
                        + " whole process %.2f s%n", round + 1, v.getKey(), s.seconds(), s.rssMiB(), s.mainCpu(), s.cpu());
            }
        }
        for (String label : variants.keySet()) {
            System.out.printf("median %-16s %.3f s (%s), main thread %.2f CPU-s, RSS %.1f MiB%n", label,
                    Load.median(seconds.get(label)), StartupMemory.rounds(seconds.get(label)),
                    Load.median(mainCpu.get(label)), Load.median(rss.get(label)));
        }
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }
}
