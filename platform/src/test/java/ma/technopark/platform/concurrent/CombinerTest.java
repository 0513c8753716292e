package ma.technopark.platform.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CombinerTest {
    /** A refusal: thrown by a decision before it changes anything. */
    static final class Refused extends RuntimeException {
        Refused() {
            super("full");
        }
    }

    /**
     * A stand-in for a table of seats behind a row lock: a context works on a copy of the committed count and
     * commits it when its body returns, or drops it when the body throws (a transaction). It counts the contexts,
     * and records whether two ever overlapped for one key.
     */
    static final class Seats {
        final int capacity;
        volatile int committed;
        final AtomicInteger contexts = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();
        volatile boolean failNextBatchCommit;
        /** The size of every batch committed, as the combiner reports them. */
        final java.util.Queue<Integer> batches = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Seats(int capacity) {
            this.capacity = capacity;
        }

        /** The transaction's view: its own count of seats taken. */
        final class Tx {
            int taken = committed;

            String take(String who) {
                if (taken >= capacity) {
                    throw new Refused();
                }
                taken++;
                return who;
            }
        }

        void run(String key, java.util.function.Consumer<Tx> body) {
            contexts.incrementAndGet();
            if (open.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            try {
                Thread.sleep(20); // the lock and the round trips a batch pays once
                Tx tx = new Tx();
                body.accept(tx);
                if (failNextBatchCommit && tx.taken - committed > 1) {
                    failNextBatchCommit = false;
                    throw new IllegalStateException("commit failed");
                }
                committed = tx.taken;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                open.decrementAndGet();
            }
        }
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(64);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Submits one decision per caller, all at once, and returns each caller's outcome (a value or what it threw). */
    private List<Object> race(Combiner<String, Seats.Tx> combiner, int callers, Function<Integer, Function<Seats.Tx, String>> decision)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            outcomes.add(threads.submit(() -> {
                go.await();
                try {
                    return combiner.submit("site", decision.apply(caller));
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        List<Object> seen = new ArrayList<>();
        for (Future<Object> outcome : outcomes) {
            seen.add(outcome.get(30, TimeUnit.SECONDS));
        }
        return seen;
    }

    @Test
    void sixtyFourCallersForFiftySeatsGetFiftyEachTheirOwnInAFewContexts() throws Exception {
        Seats seats = new Seats(50);
        Combiner<String, Seats.Tx> combiner = new Combiner<>((key, decisions, body) -> seats.run(key, body), Refused.class::isInstance, 64, (size, nanos) -> seats.batches.add(size));

        List<Object> outcomes = race(combiner, 64, caller -> tx -> tx.take("caller " + caller));

        int granted = 0;
        for (int caller = 0; caller < 64; caller++) {
            Object outcome = outcomes.get(caller);
            if (outcome instanceof Refused) {
                continue;
            }
            assertEquals("caller " + caller, outcome, "every caller gets its own decision's outcome");
            granted++;
        }
        assertEquals(50, granted);
        assertEquals(50, seats.committed);
        assertFalse(seats.overlapped.get(), "one context at a time for a key");
        assertEquals(0, combiner.lines(), "nothing is kept for a key once its decisions are taken");
        // unbatched, 64 contexts of 20 ms each; batched, the first runs alone and the rest wait for it together
        assertTrue(seats.contexts.get() < 10, "contexts: " + seats.contexts.get());
        assertEquals(seats.contexts.get(), seats.batches.size(), "every context committed and was reported");
        assertEquals(64, seats.batches.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aDecisionThatFailsUndoesItsBatchAndTheOthersAreTakenAloneOnce() throws Exception {
        Seats seats = new Seats(100);
        Combiner<String, Seats.Tx> combiner = new Combiner<>((key, decisions, body) -> seats.run(key, body), Refused.class::isInstance, 64, (size, nanos) -> seats.batches.add(size));

        List<Object> outcomes = race(combiner, 32, caller -> tx -> {
            String taken = tx.take("caller " + caller);
            if (caller == 7) {
                throw new IllegalStateException("broken after writing");
            }
            return taken;
        });

        assertInstanceOf(IllegalStateException.class, outcomes.get(7), "the failure goes to its own caller");
        for (int caller = 0; caller < 32; caller++) {
            if (caller != 7) {
                assertEquals("caller " + caller, outcomes.get(caller));
            }
        }
        assertEquals(31, seats.committed, "the undone batch's seats are not counted twice, the failed one not at all");
    }

    @Test
    void aBatchWhoseCommitFailsIsTakenAgainOneByOne() throws Exception {
        Seats seats = new Seats(100);
        seats.failNextBatchCommit = true;
        List<Integer> undone = java.util.Collections.synchronizedList(new ArrayList<>());
        Combiner<String, Seats.Tx> combiner = new Combiner<>((key, decisions, body) -> seats.run(key, body), Refused.class::isInstance, 64,
                new Combiner.Committed() {
                    @Override
                    public void batch(int decisions, long nanos) {
                        seats.batches.add(decisions);
                    }

                    @Override
                    public void undone(int decisions) {
                        undone.add(decisions);
                    }
                });

        List<Object> outcomes = race(combiner, 32, caller -> tx -> tx.take("caller " + caller));

        for (int caller = 0; caller < 32; caller++) {
            assertEquals("caller " + caller, outcomes.get(caller));
        }
        assertEquals(32, seats.committed);
        assertFalse(seats.failNextBatchCommit, "a batch of several was tried and failed to commit");
        assertEquals(32, seats.batches.stream().mapToInt(Integer::intValue).sum(), "the failed batch is not reported");
        assertEquals(1, undone.size(), "the failed batch is reported undone, once: " + undone);
        assertTrue(undone.get(0) > 1);
    }

    @Test
    void batchesAreNoLargerThanAskedAndEveryCallerIsAnswered() throws Exception {
        Seats seats = new Seats(1_000);
        Combiner<String, Seats.Tx> combiner = new Combiner<>((key, decisions, body) -> seats.run(key, body), Refused.class::isInstance, 4, (size, nanos) -> seats.batches.add(size));

        List<Object> outcomes = race(combiner, 64, caller -> tx -> tx.take("caller " + caller));

        for (int caller = 0; caller < 64; caller++) {
            assertEquals("caller " + caller, outcomes.get(caller));
        }
        assertEquals(64, seats.committed);
        assertTrue(seats.contexts.get() >= 16, "at most 4 decisions a context: " + seats.contexts.get());
        assertTrue(seats.batches.stream().allMatch(size -> size <= 4), "batches: " + seats.batches);
        assertFalse(seats.overlapped.get());
    }
}
