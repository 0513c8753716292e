package ma.technopark.gateway.edge;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import ma.technopark.gateway.config.GatewayConfig;

/**
 * Rate limits per client and route group, as token buckets: a client may send {@code limit} requests at once, and
 * gets them back at {@code limit} per {@code window}. Groups that name segments or methods are matched first (in
 * name order); the rest count against "default". Each gateway instance keeps its own buckets, so with n replicas a
 * client may get up to n times the limit; the buckets of idle clients are dropped.
 */
@ApplicationScoped
public class RateLimiter {
    public static final String DEFAULT_GROUP = "default";

    /** The answer for one request: allowed, or refused with the seconds to wait. */
    public record Decision(boolean allowed, long retryAfterSeconds, String group) {
    }

    private record Group(String name, int limit, long windowNanos, List<String> segments, List<String> methods) {
        /** Any segment of the path counts: {@code /cohorts/{id}/enrolments} is an enrolment as much as {@code /bookings}. */
        boolean matches(String path, String method) {
            if (!methods.isEmpty() && !methods.contains(method)) {
                return false;
            }
            if (segments.isEmpty()) {
                return true;
            }
            for (String segment : segments) {
                if (hasSegment(path, segment)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Whether {@code segment} is a whole segment of {@code path} (which may itself be a single segment). Scans the
     * path in place: splitting it into an array and streaming the groups was 2% of the gateway's CPU per request.
     */
    static boolean hasSegment(String path, String segment) {
        for (int at = path.indexOf(segment); at >= 0; at = path.indexOf(segment, at + 1)) {
            int end = at + segment.length();
            if ((at == 0 || path.charAt(at - 1) == '/') && (end == path.length() || path.charAt(end) == '/')) {
                return true;
            }
        }
        return false;
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    private final List<Group> groups = new ArrayList<>();
    private final Group fallback;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    @jakarta.inject.Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimits(), System::nanoTime);
    }

    RateLimiter(Map<String, GatewayConfig.RateLimit> limits, LongSupplier clock) {
        this.clock = clock;
        Group defaults = null;
        for (String name : limits.keySet().stream().sorted().toList()) {
            GatewayConfig.RateLimit limit = limits.get(name);
            Group group = new Group(name, limit.limit(), limit.window().toNanos(),
                    limit.segments().orElse(List.of()),
                    limit.methods().orElse(List.of()).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
            if (DEFAULT_GROUP.equals(name)) {
                defaults = group;
            } else {
                groups.add(group);
            }
        }
        this.fallback = defaults;
    }

    /**
     * Takes a token from the client's bucket of the request's group.
     *
     * @param path the request's path (or a single segment): a group matches when it names any of its segments
     */
    public Decision acquire(String client, String path, String method) {
        Group group = groupOf(path, method);
        if (group == null || group.limit() <= 0) {
            return new Decision(true, 0, null);
        }
        long now = clock.getAsLong();
        double perNano = group.limit() / (double) group.windowNanos();
        Bucket bucket = buckets.computeIfAbsent(group.name() + '|' + client, k -> new Bucket(group.limit(), now));
        synchronized (bucket) {
            bucket.tokens = Math.min(group.limit(), bucket.tokens + (now - bucket.updated) * perNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, 0, group.name());
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perNano);
            return new Decision(false, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L), group.name());
        }
    }

    private Group groupOf(String path, String method) {
        for (Group group : groups) {
            if (group.matches(path, method)) {
                return group;
            }
        }
        return fallback;
    }

    /** Drops the buckets of clients idle long enough to be full again: memory stays bounded by active clients. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictIdle() {
        long now = clock.getAsLong();
        buckets.entrySet().removeIf(e -> now - e.getValue().updated > 10 * 60_000_000_000L);
    }
}
