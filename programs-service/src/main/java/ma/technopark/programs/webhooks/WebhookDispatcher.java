package ma.technopark.programs.webhooks;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ma.technopark.platform.Ids;
import ma.technopark.platform.Lazy;
import ma.technopark.platform.concurrent.Threads;
import ma.technopark.platform.retention.Retention;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers queued webhooks on its own thread, so that partners' endpoints never slow the service's own work:
 * claims due deliveries (rows locked with SKIP LOCKED and leased, so replicas share the work and a process that dies
 * mid-delivery only delays it), POSTs each event signed with HMAC-SHA256, and records every attempt. A failure is
 * retried with exponential backoff and jitter until {@code give-up-after} (over 24 hours) has passed since the event;
 * {@code failure-threshold} consecutive failures disable the subscription until its partner enables it again.
 * Delivery is at least once: the event id ({@code X-Technopark-Event-Id}) lets the partner deduplicate.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    public static final String SIGNATURE = "X-Technopark-Signature";

    private record Due(UUID id, UUID subscriptionId, String url, String secret, String eventId, String eventType,
            String payload, int attempts, java.time.OffsetDateTime createdAt) {
    }

    private final EntityManager em;
    private final WebhookTargets targets;
    private final boolean enabled;
    private final Duration poll;
    private final Duration first;
    private final Duration max;
    private final Duration giveUpAfter;
    private final Duration lease;
    private final Duration timeout;
    private final int failureThreshold;
    private final Duration logRetention;
    private final AgroalDataSource dataSource;
    private final Lazy<HttpClient> http; // built at the first delivery: not on the start-up thread
    private volatile boolean running;
    private Thread thread;
    private final Retention.Hourly hourlyHousekeeping = new Retention.Hourly("webhook log housekeeping", this::housekeeping);

    public WebhookDispatcher(EntityManager em, WebhookTargets targets,
            @ConfigProperty(name = "technopark.webhooks.dispatcher.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "technopark.webhooks.poll", defaultValue = "1S") Duration poll,
            @ConfigProperty(name = "technopark.webhooks.retry.first", defaultValue = "10S") Duration first,
            @ConfigProperty(name = "technopark.webhooks.retry.max", defaultValue = "1H") Duration max,
            @ConfigProperty(name = "technopark.webhooks.retry.give-up-after", defaultValue = "25H") Duration giveUpAfter,
            @ConfigProperty(name = "technopark.webhooks.lease", defaultValue = "60S") Duration lease,
            @ConfigProperty(name = "technopark.webhooks.timeout", defaultValue = "10S") Duration timeout,
            @ConfigProperty(name = "technopark.webhooks.failure-threshold", defaultValue = "10") int failureThreshold,
            @ConfigProperty(name = "technopark.webhooks.log-retention", defaultValue = "P30D") Duration logRetention,
            AgroalDataSource dataSource) {
        this.em = em;
        this.targets = targets;
        this.enabled = enabled;
        this.poll = poll;
        this.first = first;
        this.max = max;
        this.giveUpAfter = giveUpAfter;
        this.lease = lease;
        this.timeout = timeout;
        this.failureThreshold = failureThreshold;
        this.logRetention = logRetention;
        this.dataSource = dataSource;
        this.http = Lazy.of(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build());
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Before Hibernate closes ({@link ShutdownEvent} comes first): the delivery in progress is cut short and its attempt
     * recorded, within a few seconds, instead of failing on a closed {@code EntityManagerFactory}.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            Threads.awaitEnd(t, Duration.ofSeconds(5));
        }
    }

    private void loop() {
        while (running) {
            try {
                hourlyHousekeeping.runIfDue();
                List<Due> due = claim();
                for (Due d : due) {
                    deliver(d);
                }
                if (due.isEmpty()) {
                    Thread.sleep(poll.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("webhook dispatcher: %s", e.toString());
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Deletes the finished deliveries (delivered, or given up) created more than {@code technopark.webhooks.log-retention}
     * ago, with their attempts; a delivery still pending (its subscription disabled, say) is kept. Hourly, from the
     * dispatcher's thread.
     *
     * @return the deliveries deleted
     */
    public long housekeeping() throws SQLException {
        return Retention.deleteOlderThan(dataSource, "webhook_delivery", "created_at", logRetention, "status <> 'PENDING'");
    }

    @SuppressWarnings("unchecked")
    private List<Due> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT d.id, d.subscription_id, s.url, s.secret, d.event_id, d.event_type, d.payload, d.attempts, d.created_at
                    FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                    WHERE d.status = 'PENDING' AND s.status = 'ACTIVE' AND d.next_attempt_at <= now()
                    ORDER BY d.next_attempt_at LIMIT 20 FOR UPDATE OF d SKIP LOCKED""").getResultList();
            List<Due> due = rows.stream().map(r -> new Due((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], ((Number) r[7]).intValue(), Webhooks.time(r[8]))).toList();
            for (Due d : due) {
                em.createNativeQuery("UPDATE webhook_delivery SET next_attempt_at = now() + CAST(?1 AS interval) WHERE id = ?2")
                        .setParameter(1, lease.toSeconds() + " seconds").setParameter(2, d.id()).executeUpdate();
            }
            return due;
        });
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>} */
    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deliver(Due d) {
        int attempt = d.attempts() + 1;
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            URI uri = URI.create(d.url());
            String notPublic = targets.notPublic(uri.getHost());
            if (notPublic != null) {
                error = "refused: the URL " + notPublic;
            } else {
                long timestamp = System.currentTimeMillis() / 1000;
                HttpResponse<Void> response = http.get().send(HttpRequest.newBuilder(uri).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Technopark-Webhooks/1.0")
                        .header("X-Technopark-Event-Id", d.eventId())
                        .header("X-Technopark-Event-Type", d.eventType())
                        .header("X-Technopark-Delivery", d.id().toString())
                        .header("X-Technopark-Attempt", Integer.toString(attempt))
                        .header(SIGNATURE, signature(d.secret(), timestamp, d.payload()))
                        .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        int durationMs = (int) ((System.nanoTime() - started) / 1_000_000);
        boolean ok = status != null && status >= 200 && status < 300;
        record(d, attempt, status, error, durationMs, ok);
    }

    private void record(Due d, int attempt, Integer status, String error, int durationMs, boolean ok) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    INSERT INTO webhook_attempt (id, delivery_id, attempt, at, status_code, error, duration_ms)
                    VALUES (?1, ?2, ?3, now(), ?4, ?5, ?6)""").setParameter(1, Ids.newId()).setParameter(2, d.id())
                    .setParameter(3, attempt).setParameter(4, status).setParameter(5, error == null ? null : truncate(error))
                    .setParameter(6, durationMs).executeUpdate();
            if (ok) {
                em.createNativeQuery("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?1, delivered_at = now(), "
                        + "next_attempt_at = NULL WHERE id = ?2").setParameter(1, attempt).setParameter(2, d.id()).executeUpdate();
                // its version moves with what its GET shows (the ETag); a subscription with no failures is left untouched
                em.createNativeQuery("UPDATE webhook_subscription SET consecutive_failures = 0, version = version + 1"
                                + " WHERE id = ?1 AND consecutive_failures <> 0")
                        .setParameter(1, d.subscriptionId()).executeUpdate();
                return;
            }
            boolean giveUp = d.createdAt().plus(giveUpAfter).isBefore(java.time.OffsetDateTime.now());
            long delayMs = giveUp ? 0 : backoffMillis(attempt);
            em.createNativeQuery("""
                    UPDATE webhook_delivery SET attempts = ?1, status = ?2,
                      next_attempt_at = CASE WHEN ?2 = 'PENDING' THEN now() + CAST(?3 AS interval) END
                    WHERE id = ?4""").setParameter(1, attempt).setParameter(2, giveUp ? "ABANDONED" : "PENDING")
                    .setParameter(3, delayMs + " milliseconds").setParameter(4, d.id()).executeUpdate();
            em.createNativeQuery("""
                    UPDATE webhook_subscription SET consecutive_failures = consecutive_failures + 1, version = version + 1,
                      status = CASE WHEN consecutive_failures + 1 >= ?1 THEN 'DISABLED' ELSE status END,
                      disabled_at = CASE WHEN consecutive_failures + 1 >= ?1 AND status = 'ACTIVE' THEN now() ELSE disabled_at END
                    WHERE id = ?2""").setParameter(1, failureThreshold).setParameter(2, d.subscriptionId()).executeUpdate();
        });
    }

    /** first × 2^(attempt-1), at most max, ±20 % jitter so that failed deliveries do not come back in step. */
    long backoffMillis(int attempt) {
        double base = Math.min(max.toMillis(), first.toMillis() * Math.pow(2, Math.min(30, attempt - 1)));
        return (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
