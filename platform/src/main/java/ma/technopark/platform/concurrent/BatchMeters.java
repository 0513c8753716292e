package ma.technopark.platform.concurrent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link Combiner}'s batches look like, for operations: {@code <name>.per.transaction}, how many decisions each
 * transaction took, {@code <name>.transaction}, how long each was open (the time its lock was held, the lock's
 * wait aside), and {@code <name>.undone}, the batches undone and decided again one by one (a write that failed at
 * the commit: a batch's decisions missed something that they should have checked before writing).
 */
public final class BatchMeters {
    private BatchMeters() {
    }

    /** @param what what is decided, for the meters' descriptions (e.g. "hosting decisions at a site") */
    public static Combiner.Committed register(MeterRegistry registry, String name, String what) {
        DistributionSummary sizes = DistributionSummary.builder(name + ".per.transaction")
                .description(what + " taken together, in one transaction holding the lock").register(registry);
        Timer open = Timer.builder(name + ".transaction").description("how long a transaction of " + what + " was open")
                .register(registry);
        Counter undone = Counter.builder(name + ".undone")
                .description("batches of " + what + " undone at the commit, their decisions then taken again one by one")
                .register(registry);
        return new Combiner.Committed() {
            @Override
            public void batch(int decisions, long nanos) {
                sizes.record(decisions);
                open.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void undone(int decisions) {
                undone.increment();
            }
        };
    }
}
