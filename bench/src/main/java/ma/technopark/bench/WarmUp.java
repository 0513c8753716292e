package ma.technopark.bench;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A warm-up that lasts until the JVMs under load have finished compiling their hot paths, rather than for a fixed
 * time. On two shared cores C2 goes on compiling a Quarkus app's write path for minutes (sites-service spent 2 min 50 s
 * of compiler time in its first 2.5 min of bookings, still 20 compilations a second at the end), and every
 * compilation takes CPU the measured requests need. A scenario measured on fresh JVMs therefore measured the
 * compiler: the same code made 455-472 bookings/s with fresh JVMs and 821/s after the other scenarios had run for
 * twenty minutes (bench/README.md). So the scenario's own load runs in steps until, over a whole step, the compiler
 * threads of every JVM but the bench's own took at most {@link #SETTLED} of a core, bounded by a maximum; the report
 * shows each step, and says when the bound ended the warm-up instead.
 */
final class WarmUp {
    /** A JVM whose compiler threads take at most this share of one core over a step has settled. */
    static final double SETTLED = 0.05;
    static final Duration STEP = Duration.ofSeconds(15);

    interface Step {
        void run(Duration duration) throws Exception;
    }

    private WarmUp() {
    }

    /**
     * Runs {@code load} in steps of {@link #STEP} for at least {@code minimum}, then until the JIT has settled or
     * {@code maximum} has passed.
     *
     * @return the report's raw text: each step's compiler shares, the verdict, and where the cores went overall
     */
    static String untilJitSettles(Duration minimum, Duration maximum, Step load) throws Exception {
        StringBuilder log = new StringBuilder(String.format(
                "steps of %d s until every JVM's JIT compiler threads take <= %.0f%% of a core over a step (at least %d s, at most %d s)%n",
                STEP.toSeconds(), 100 * SETTLED, minimum.toSeconds(), maximum.toSeconds()));
        Map<String, Double> first = Machine.cpuSeconds();
        long began = System.nanoTime();
        while (true) {
            Map<String, Double> before = Machine.cpuSeconds();
            long stepBegan = System.nanoTime();
            load.run(STEP);
            double wall = (System.nanoTime() - stepBegan) / 1e9;
            Map<String, Double> shares = Machine.jitShares(before, Machine.cpuSeconds(), wall);
            shares.remove("bench (load, comparators)"); // the load generator's own compiler is not the platform's
            double elapsed = (System.nanoTime() - began) / 1e9;
            boolean settled = shares.values().stream().allMatch(share -> share <= SETTLED);
            log.append(String.format("  %5.0f s  JIT share of a core: %s%n", elapsed, shares.entrySet().stream()
                    .map(e -> String.format("%s %.0f%%", e.getKey(), 100 * e.getValue())).collect(Collectors.joining(", "))));
            if (settled && elapsed >= minimum.toSeconds()) {
                log.append(String.format("settled after %.0f s%n", elapsed));
                break;
            }
            if (elapsed >= maximum.toSeconds()) {
                log.append(String.format("NOT settled after %.0f s (the bound): the figures below include the JIT's work%n", elapsed));
                break;
            }
        }
        return log.append(Machine.cpuUsed(first, Machine.cpuSeconds(), (System.nanoTime() - began) / 1e9)).toString();
    }
}
