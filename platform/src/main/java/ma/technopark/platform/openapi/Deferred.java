package ma.technopark.platform.openapi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work put off until it is first needed, by key: the first caller of {@link #runIfPending} runs it, callers
 * meanwhile wait until it has finished, later callers find nothing to do.
 */
public final class Deferred<K> {
    private final Map<K, Runnable> pending = new ConcurrentHashMap<>();

    /** Puts off {@code work} until {@link #runIfPending} is called for {@code key}. */
    public void defer(K key, Runnable work) {
        pending.put(key, work);
    }

    /** Runs the work put off for {@code key}, if any and not done yet; returns once it is done. */
    public void runIfPending(K key) {
        Runnable work = pending.get(key);
        if (work == null) {
            return;
        }
        synchronized (this) {
            if (pending.get(key) == work) {
                work.run(); // if it throws, it stays pending: the next caller tries again
                pending.remove(key, work);
            }
        }
    }
}
