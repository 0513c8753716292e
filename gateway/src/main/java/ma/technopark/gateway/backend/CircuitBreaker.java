package ma.technopark.gateway.backend;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A backend's circuit: closed while it answers; open after {@code threshold} consecutive failures (no connection,
 * no answer in time), when requests are refused at once; after {@code openFor}, one request at a time tries the
 * backend (half-open) and its success closes the circuit again. An answer of any status is a success: a backend
 * that says 500 is up.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier clock;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong(-1);
    private final AtomicBoolean trial = new AtomicBoolean();

    public CircuitBreaker(int threshold, Duration openFor) {
        this(threshold, openFor, System::nanoTime);
    }

    CircuitBreaker(int threshold, Duration openFor, LongSupplier clock) {
        this.threshold = Math.max(1, threshold);
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
    }

    /** Whether a request may go to the backend now; a true answer in half-open state reserves the one trial. */
    public boolean tryAcquire() {
        long opened = openedAt.get();
        if (opened < 0) {
            return true;
        }
        if (clock.getAsLong() - opened < openForNanos) {
            return false;
        }
        return trial.compareAndSet(false, true);
    }

    public void onSuccess() {
        failures.set(0);
        openedAt.set(-1);
        trial.set(false);
    }

    public void onFailure() {
        if (openedAt.get() >= 0) {
            openedAt.set(clock.getAsLong()); // the trial failed: stay open for another period
            trial.set(false);
        } else if (failures.incrementAndGet() >= threshold) {
            openedAt.set(clock.getAsLong());
            trial.set(false);
        }
    }

    /**
     * The request ended with no verdict on the backend (the client went away mid-request): counts neither way,
     * and frees the half-open trial it may hold.
     */
    public void onAbandoned() {
        trial.set(false);
    }

    public State state() {
        long opened = openedAt.get();
        if (opened < 0) {
            return State.CLOSED;
        }
        return clock.getAsLong() - opened < openForNanos ? State.OPEN : State.HALF_OPEN;
    }

    /** Whole seconds until the circuit lets a trial through (at least 1), for Retry-After. */
    public long retryAfterSeconds() {
        long opened = openedAt.get();
        long remaining = opened < 0 ? 0 : openForNanos - (clock.getAsLong() - opened);
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
}
