package ma.technopark.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void makesNothingUntilAskedThenOneValueForEveryThread() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertEquals(0, made.get());

        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                seen.add(threads.submit(() -> {
                    go.await();
                    return lazy.get();
                }));
            }
            go.countDown();
            Object first = seen.get(0).get(5, TimeUnit.SECONDS);
            for (Future<Object> value : seen) {
                assertSame(first, value.get(5, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, made.get());
    }
}
