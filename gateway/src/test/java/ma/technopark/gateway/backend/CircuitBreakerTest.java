package ma.technopark.gateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(5), now::get);

    @Test
    void opensAfterConsecutiveFailuresAndLetsOneTrialThroughLater() {
        circuit.onFailure();
        circuit.onFailure();
        circuit.onSuccess(); // an answer in between resets the count
        circuit.onFailure();
        circuit.onFailure();
        assertTrue(circuit.tryAcquire());
        circuit.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, circuit.state());
        assertFalse(circuit.tryAcquire());
        assertEquals(5, circuit.retryAfterSeconds());

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(CircuitBreaker.State.HALF_OPEN, circuit.state());
        assertTrue(circuit.tryAcquire(), "one trial");
        assertFalse(circuit.tryAcquire(), "only one trial at a time");
        circuit.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, circuit.state(), "a failed trial opens it again");

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(circuit.tryAcquire());
        circuit.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, circuit.state());
        assertTrue(circuit.tryAcquire());
        assertTrue(circuit.tryAcquire());
    }

    @Test
    void clientsThatHangUpCountNeitherWayAndFreeTheTrial() {
        for (int i = 0; i < 10; i++) {
            circuit.onAbandoned();
        }
        assertEquals(CircuitBreaker.State.CLOSED, circuit.state(), "64 clients hanging up at once is not a backend failure");
        circuit.onFailure();
        circuit.onFailure();
        circuit.onFailure();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(circuit.tryAcquire(), "the trial");
        circuit.onAbandoned(); // its client went away: the next request may try
        assertTrue(circuit.tryAcquire(), "a new trial, not a circuit stuck half-open");
    }
}
