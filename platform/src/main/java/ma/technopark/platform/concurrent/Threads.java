package ma.technopark.platform.concurrent;

import java.time.Duration;

/** What the apps' own background threads share. */
public final class Threads {
    private Threads() {
    }

    /**
     * Waits up to {@code within} for {@code thread} (if any) to end: a stop lets a background thread finish its step
     * while what it uses (Hibernate, the datasource) is still open. An interrupted wait gives up and keeps the flag.
     */
    public static void awaitEnd(Thread thread, Duration within) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(within.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
