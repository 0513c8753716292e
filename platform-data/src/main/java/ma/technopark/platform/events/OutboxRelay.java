package ma.technopark.platform.events;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import ma.technopark.platform.concurrent.Threads;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.retention.Retention;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: woken right after each commit that recorded an event, and polling for
 * events committed by other replicas. One replica publishes at a time (a PostgreSQL advisory lock held
 * for the batch's transaction), in {@code seq} order, with an idempotent producer, so the order per
 * aggregate key holds. A row is marked published only once the broker acknowledged it; on failure the
 * batch is retried with backoff until it is. Delivery is at least once: consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key: one relay per service database at a time. */
    public static final long LOCK_KEY = 0x7ec4_0a2c_0b0aL;
    /** What {@link #publishBatch} answers when another replica holds the lock. */
    static final int LOCKED_ELSEWHERE = -1;
    /** The first wait after finding the lock taken; it doubles while the lock stays taken, up to the poll interval. */
    static final long LOCKED_FIRST_RETRY_MILLIS = 20;

    private final AgroalDataSource dataSource;
    private final EventsConfig config;
    private final String bootstrapServers;
    private final Counter published;
    private final Counter lockedElsewhere;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread thread;
    /** Made by the relay's thread (see {@link #loop}); closed at shutdown once that thread has ended. */
    private volatile KafkaProducer<String, String> producer;
    /** Since when this relay has failed to publish (null while it publishes), and its last error: {@link OutboxHealth}. */
    private volatile Failing failing;
    private final Retention.Hourly hourlyHousekeeping = new Retention.Hourly("event tables' housekeeping", this::housekeeping);

    public OutboxRelay(AgroalDataSource dataSource, EventsConfig config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.published = Counter.builder("technopark.outbox.published").description("events published by the relay")
                .register(registry);
        this.lockedElsewhere = Counter.builder("technopark.outbox.locked.elsewhere")
                .description("times the relay found another replica publishing and waited").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            LOG.info("outbox relay disabled");
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            signal.release();
            Threads.awaitEnd(t, Duration.ofSeconds(10));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Since when this relay has been failing to publish, and why; null while it publishes (or waits its turn). */
    Failing failing() {
        return failing;
    }

    record Failing(Instant since, String lastError) {
    }

    /** Called after a commit that recorded events: publish now rather than at the next poll. */
    public void wakeUp() {
        signal.release();
    }

    /**
     * The relay's thread. Its producer is made here, not at start-up, where it took 10-15 ms of the start-up
     * thread (bench/FINDINGS.md, "Start-up"); a producer that cannot be made is then one more failure that the
     * loop retries and {@link OutboxHealth} reports, like a broker that is down.
     */
    private void loop() {
        int failures = 0;
        long lockedWait = LOCKED_FIRST_RETRY_MILLIS;
        while (running) {
            try {
                if (producer == null) {
                    producer = new KafkaProducer<>(producerConfig(bootstrapServers,
                            config.source().replace("/", "") + "-outbox-relay"), new StringSerializer(),
                            new StringSerializer());
                }
                boolean recovering = failures > 0;
                int count = publishBatch(recovering);
                failures = 0;
                failing = null;
                hourlyHousekeeping.runIfDue();
                if (count == LOCKED_ELSEWHERE) {
                    // Another replica is publishing. It looks again only when its own commits wake it, so this
                    // one's events would wait for its next poll: try again shortly instead, then less and less
                    // often while the lock stays taken (the holder may be waiting for a broker that is down).
                    lockedElsewhere.increment();
                    lockedWait = lockedRetry(lockedWait, config.relay().pollInterval().toMillis());
                    continue;
                }
                lockedWait = LOCKED_FIRST_RETRY_MILLIS;
                if (count > 0 && (recovering || count >= config.relay().batchSize())) {
                    continue; // a full batch (or the one event sent to test a broker back up): more may be waiting
                }
                // A smaller batch took everything committed when it looked. Whatever was committed since has
                // woken the relay already (wakeUp after each commit), so it looks again at once only then
                // (docs/decisions.md, "Events").
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures++;
                Failing before = failing;
                failing = new Failing(before == null ? Instant.now() : before.since(), e.toString());
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warnf("outbox relay cannot publish (attempt %d), retrying: %s", failures, e.toString());
                }
                sleep(Math.min(config.relay().maxBackoff().toMillis(), 50L << Math.min(failures, 6)));
                continue;
            }
            try {
                signal.tryAcquire(config.relay().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits {@code wait} ms before the next try at a lock another replica holds, and answers the wait after that:
     * twice as long, at most the poll interval. This replica's own commits do not cut the wait short (each would
     * cost a try at a lock still taken); whatever they recorded is published by the next try, or by the holder.
     */
    private long lockedRetry(long wait, long pollInterval) {
        sleep(Math.min(wait, pollInterval));
        signal.drainPermits();
        return Math.min(wait * 2, Math.max(pollInterval, LOCKED_FIRST_RETRY_MILLIS));
    }

    /**
     * One transaction: lock, read a batch in order, publish it, wait for the acks, mark what was acknowledged.
     * After a failure the relay sends a single event first, so that a broker still down holds one event in
     * doubt rather than a whole batch.
     *
     * @return the events published, or {@link #LOCKED_ELSEWHERE} when another replica is publishing
     */
    int publishBatch(boolean recovering) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                    lock.setLong(1, LOCK_KEY);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            return LOCKED_ELSEWHERE;
                        }
                    }
                }
                List<PendingEvent> batch = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT id, topic, record_key, type, envelope, traceparent FROM outbox_event"
                                + " WHERE published_at IS NULL ORDER BY seq LIMIT ?")) {
                    select.setInt(1, recovering ? 1 : config.relay().batchSize());
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            batch.add(new PendingEvent(rs.getObject(1, UUID.class), record(rs)));
                        }
                    }
                }
                if (batch.isEmpty()) {
                    c.commit();
                    return 0;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (PendingEvent event : batch) {
                    acks.add(producer.send(event.record()));
                }
                producer.flush();
                // Mark exactly what the broker acknowledged, so a partial failure is not re-sent in full.
                List<UUID> acknowledged = new ArrayList<>();
                Exception failure = null;
                for (int i = 0; i < acks.size(); i++) {
                    try {
                        acks.get(i).get(30, TimeUnit.SECONDS);
                        acknowledged.add(batch.get(i).id());
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        failure = failure == null ? e : failure;
                    }
                }
                if (!acknowledged.isEmpty()) {
                    try (PreparedStatement mark = c.prepareStatement(
                            "UPDATE outbox_event SET published_at = now() WHERE id = ANY(?)")) {
                        mark.setArray(1, c.createArrayOf("uuid", acknowledged.toArray()));
                        mark.executeUpdate();
                    }
                }
                c.commit();
                published.increment(acknowledged.size());
                if (failure != null) {
                    throw failure;
                }
                return batch.size();
            } catch (Exception e) {
                safeRollback(c);
                throw e;
            }
        }
    }

    private record PendingEvent(UUID id, ProducerRecord<String, String> record) {
    }

    private static ProducerRecord<String, String> record(ResultSet rs) throws SQLException {
        ProducerRecord<String, String> record = new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getString(5));
        record.headers().add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_id", rs.getString(1).getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(EventInbox.TYPE_HEADER, rs.getString(4).getBytes(StandardCharsets.UTF_8)));
        String traceparent = rs.getString(6);
        if (traceparent != null) {
            record.headers().add(new RecordHeader("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    /**
     * Deletes what can no longer serve (hourly, from the relay's thread; replicas doing it twice is harmless): published
     * outbox rows past the relay's retention, idempotency keys past their 24 hours, and inbox rows past the inbox's
     * retention, when Kafka can no longer deliver their event again. An event not yet published is never deleted.
     *
     * @return the rows deleted
     */
    public long housekeeping() throws SQLException {
        return Retention.deleteOlderThan(dataSource, "outbox_event", "published_at", config.relay().retention(), "TRUE")
                + Retention.deleteOlderThan(dataSource, "idempotency_key", "created_at", IdempotencyKeys.KEPT, "TRUE")
                + Retention.deleteOlderThan(dataSource, "inbox_event", "received_at", config.inbox().retention(), "TRUE");
    }

    /** An idempotent producer that waits for every replica and gives up on a record after 15 s. */
    static Properties producerConfig(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it discards the transaction
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
