package ma.technopark.platform.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Takes the decisions that must be taken one at a time per key (under a lock on a row, say) in batches: one
 * context (a transaction holding the key's lock) for as many decisions as are waiting, instead of one each.
 * <p>
 * Under contention a decision otherwise holds the lock for its own round trips to the database (lock, query,
 * insert, commit), and the next one waits for all of them. Batched, the lock and the commit are paid once per
 * batch. There is no thread of its own: the caller who finds no batch running runs the next one (taking every
 * decision waiting for that key, its own among them), the others wait for their outcome; when a batch ends and more
 * decisions wait, the oldest waiting caller runs the next, so nobody runs batches for others indefinitely.
 * <p>
 * A decision may <em>refuse</em> (throw an exception {@code refusal} accepts) only before it changes anything: the
 * batch goes on without it. Any other exception, or a context that fails to close (a commit that fails), undoes
 * the batch: each of its decisions is then taken again alone, in a context of its own, so that every caller gets
 * the outcome it would have had unbatched, and one bad decision never fails the others.
 * <p>
 * The context itself must serialise what it protects (a row lock in the database): the combiner batches within one
 * process and is no lock. Replicas, and in rare races two batches of one process, still meet at the context's lock.
 *
 * @param <K> what decisions are serialised on (a site's id)
 * @param <C> what a decision is given inside the context (the locked site)
 */
public final class Combiner<K, C> {
    /**
     * Opens a context for {@code key}, runs {@code body} in it, and closes it (commits) before returning. It is told
     * how many decisions {@code body} takes: a decision taken alone may refuse after writing (its context is undone
     * with it), which can spare it a check that a batch needs.
     */
    @FunctionalInterface
    public interface Context<K, C> {
        void run(K key, int decisions, Consumer<C> body);
    }

    /** Told of each context that closed: how many decisions it took, and how long it was open. */
    @FunctionalInterface
    public interface Committed {
        void batch(int decisions, long nanos);

        /** Told of each batch that was undone, its decisions then taken again alone. */
        default void undone(int decisions) {
        }
    }

    private static final Object LEAD = new Object();

    private final Context<K, C> context;
    private final Predicate<RuntimeException> refusal;
    private final int maxBatch;
    private final Committed committed;
    private final ConcurrentHashMap<K, Line<C>> lines = new ConcurrentHashMap<>();

    /**
     * @param context   opens the context for a key, runs a batch in it, closes it
     * @param refusal   the exceptions a decision throws only before changing anything: its batch goes on
     * @param maxBatch  the most decisions one context takes
     * @param committed told of each context that closed (for metrics)
     */
    public Combiner(Context<K, C> context, Predicate<RuntimeException> refusal, int maxBatch, Committed committed) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.context = context;
        this.refusal = refusal;
        this.maxBatch = maxBatch;
        this.committed = committed;
    }

    /**
     * Takes {@code decision} for {@code key} in the next batch and returns its outcome, or throws what it threw.
     * Blocks until then.
     */
    public <R> R submit(K key, Function<C, R> decision) {
        Line<C> line = lines.computeIfAbsent(key, k -> new Line<>());
        Pending<C, R> mine = new Pending<>(decision);
        line.waiting.add(mine);
        if (line.running.compareAndSet(false, true)) {
            runBatches(key, line);
        }
        while (true) {
            Object signal = mine.await();
            if (signal == LEAD) {
                runBatches(key, line);
                continue;
            }
            return mine.outcome();
        }
    }

    /** How many keys have a line (decisions waiting or running): for tests. */
    int lines() {
        return lines.size();
    }

    /** Runs one batch (the caller holds {@code running}), then hands the line to the oldest caller still waiting. */
    private void runBatches(K key, Line<C> line) {
        List<Pending<C, ?>> batch = new ArrayList<>();
        for (Pending<C, ?> p; batch.size() < maxBatch && (p = line.waiting.poll()) != null;) {
            batch.add(p);
        }
        try {
            run(key, batch);
        } finally {
            line.running.set(false);
            if (line.waiting.isEmpty()) {
                // an idle line is dropped, or there would be one for every key ever asked (a room id a client made
                // up, say); a caller that got it just before goes on with it detached: the lock the context takes
                // still serialises it with a new line for the same key
                lines.remove(key, line);
            }
            // whoever queued after the poll above found the line running: hand it to the oldest of them
            if (!line.waiting.isEmpty() && line.running.compareAndSet(false, true)) {
                Pending<C, ?> next = line.waiting.peek();
                next.signal(LEAD);
            }
            batch.forEach(Pending::release);
        }
    }

    private void run(K key, List<Pending<C, ?>> batch) {
        if (batch.size() > 1) {
            long began = System.nanoTime();
            try {
                context.run(key, batch.size(), c -> batch.forEach(p -> p.decide(c, refusal)));
            } catch (RuntimeException | Error undone) {
                // the batch's context was undone: nothing it decided holds; each decision again, alone
                committed.undone(batch.size());
                batch.forEach(Pending::reset);
                runAlone(key, batch);
                return;
            }
            committed.batch(batch.size(), System.nanoTime() - began); // outside the try: the batch is committed
            return;
        }
        runAlone(key, batch);
    }

    private void runAlone(K key, List<Pending<C, ?>> batch) {
        for (Pending<C, ?> p : batch) {
            long began = System.nanoTime();
            try {
                context.run(key, 1, c -> p.decide(c, e -> false));
            } catch (RuntimeException | Error e) {
                p.fail(e);
                continue;
            }
            committed.batch(1, System.nanoTime() - began);
        }
    }

    /** The decisions waiting for one key, and whether a caller is running a batch of them. */
    private static final class Line<C> {
        final Queue<Pending<C, ?>> waiting = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean();
    }

    /** One caller's decision, its outcome once decided, and the signals its caller waits for. */
    private static final class Pending<C, R> {
        private final Function<C, R> decision;
        private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        private R result;
        private Throwable failure;

        Pending(Function<C, R> decision) {
            this.decision = decision;
        }

        void decide(C c, Predicate<RuntimeException> refusal) {
            try {
                result = decision.apply(c);
                failure = null;
            } catch (RuntimeException e) {
                if (!refusal.test(e)) {
                    throw e;
                }
                result = null;
                failure = e;
            }
        }

        void reset() {
            result = null;
            failure = null;
        }

        void fail(Throwable e) {
            result = null;
            failure = e;
        }

        /** The decision is final (its context closed): its caller may go. */
        void release() {
            signal(this);
        }

        void signal(Object signal) {
            signals.add(signal);
        }

        Object await() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return signals.take();
                    } catch (InterruptedException e) {
                        interrupted = true; // the decision may be running in another caller's batch: wait for it
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        R outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
