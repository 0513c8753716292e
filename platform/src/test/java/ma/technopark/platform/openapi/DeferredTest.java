package ma.technopark.platform.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.Test;

class DeferredTest {

    @Test
    void runsNothingUntilAskedThenOnceForAllConcurrentCallers() throws Exception {
        Deferred<String> deferred = new Deferred<>();
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        deferred.defer("doc", () -> {
            runs.incrementAndGet();
            started.countDown();
            sleep(200);
            done.set(true);
        });
        assertEquals(0, runs.get(), "deferring runs nothing");

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> sawDone = new ArrayList<>();
            sawDone.add(callers.submit(() -> run(deferred, "doc", done)));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) { // all arrive while the first caller is running the work
                sawDone.add(callers.submit(() -> run(deferred, "doc", done)));
            }
            for (Future<Boolean> caller : sawDone) {
                assertTrue(caller.get(5, TimeUnit.SECONDS), "no caller returns before the work is done");
            }
        } finally {
            callers.shutdownNow();
        }
        deferred.runIfPending("doc");
        assertEquals(1, runs.get(), "the work runs once");
    }

    @Test
    void aKeyWithNothingDeferredIsNoWork() {
        Deferred<String> deferred = new Deferred<>();
        AtomicInteger runs = new AtomicInteger();
        deferred.defer("a", runs::incrementAndGet);
        deferred.runIfPending("b");
        assertEquals(0, runs.get());
        deferred.runIfPending("a");
        assertEquals(1, runs.get());
    }

    @Test
    void workThatFailsIsTriedAgainByTheNextCaller() {
        Deferred<String> deferred = new Deferred<>();
        AtomicInteger attempts = new AtomicInteger();
        deferred.defer("doc", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        });
        assertThrows(IllegalStateException.class, () -> deferred.runIfPending("doc"));
        deferred.runIfPending("doc");
        deferred.runIfPending("doc");
        assertEquals(2, attempts.get());
    }

    private static boolean run(Deferred<String> deferred, String key, AtomicBoolean done) {
        deferred.runIfPending(key);
        return done.get();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
