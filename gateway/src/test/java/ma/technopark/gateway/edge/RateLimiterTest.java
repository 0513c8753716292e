package ma.technopark.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import ma.technopark.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong();

    private static GatewayConfig.RateLimit limit(int limit, Duration window, List<String> segments, List<String> methods) {
        return new GatewayConfig.RateLimit() {
            public int limit() {
                return limit;
            }

            public Duration window() {
                return window;
            }

            public Optional<List<String>> segments() {
                return Optional.ofNullable(segments);
            }

            public Optional<List<String>> methods() {
                return Optional.ofNullable(methods);
            }
        };
    }

    private final RateLimiter limiter = new RateLimiter(Map.of(
            "default", limit(5, Duration.ofSeconds(1), null, null),
            "reservations", limit(2, Duration.ofSeconds(60), List.of("bookings", "enrolments"), List.of("post"))), now::get);

    @Test
    void aClientGetsItsBurstThenWaitsForTokensToComeBack() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.acquire("a", "sites", "GET").allowed());
        }
        RateLimiter.Decision refused = limiter.acquire("a", "sites", "GET");
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals("default", refused.group());
        assertTrue(limiter.acquire("b", "sites", "GET").allowed(), "each client has its own bucket");

        now.addAndGet(Duration.ofMillis(200).toNanos()); // one token back
        assertTrue(limiter.acquire("a", "sites", "GET").allowed());
        assertFalse(limiter.acquire("a", "sites", "GET").allowed());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.acquire("a", "sites", "GET").allowed());
        }
    }

    @Test
    void aGroupCoversItsSegmentsAndMethodsOnly() {
        assertTrue(limiter.acquire("c", "bookings", "POST").allowed());
        assertTrue(limiter.acquire("c", "bookings", "POST").allowed());
        RateLimiter.Decision refused = limiter.acquire("c", "bookings", "POST");
        assertFalse(refused.allowed());
        assertEquals("reservations", refused.group());
        assertEquals(30, refused.retryAfterSeconds());
        assertTrue(limiter.acquire("c", "bookings", "GET").allowed(), "reads of bookings count against default");
    }

    @Test
    void aNestedSegmentCountsToo() {
        // enrolments and office-hour reservations live under another resource's path
        assertTrue(limiter.acquire("d", "/api/v1/cohorts/c1/enrolments", "POST").allowed());
        assertTrue(limiter.acquire("d", "/api/v1/bookings", "POST").allowed());
        RateLimiter.Decision refused = limiter.acquire("d", "/api/v1/cohorts/c2/enrolments", "POST");
        assertFalse(refused.allowed());
        assertEquals("reservations", refused.group());
        assertTrue(limiter.acquire("d", "/api/v1/cohorts/c1", "GET").allowed(), "a cohort's reads are not reservations");
    }

    @Test
    void aGroupSegmentMatchesWholeSegmentsOnly() {
        assertTrue(RateLimiter.hasSegment("/api/v1/bookings", "bookings"));
        assertTrue(RateLimiter.hasSegment("/api/v1/bookings/42/cancellation", "bookings"));
        assertTrue(RateLimiter.hasSegment("/api/v1/cohorts/7/enrolments", "enrolments"));
        assertTrue(RateLimiter.hasSegment("bookings", "bookings"));
        assertTrue(RateLimiter.hasSegment("/api/v1/xbookings/bookings", "bookings"));
        assertFalse(RateLimiter.hasSegment("/api/v1/xbookings", "bookings"));
        assertFalse(RateLimiter.hasSegment("/api/v1/bookings-archive", "bookings"));
        assertFalse(RateLimiter.hasSegment("/api/v1/sites", "bookings"));
    }
}
