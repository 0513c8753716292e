package ma.technopark.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import ma.technopark.platform.problem.Problems;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Idempotent event handling. The event id is stored in {@code inbox_event} in the same transaction as the
 * handler's effect, so a redelivered event has no second effect (a handler whose effect deduplicates itself skips
 * the row: {@link #handleIdempotent}). A failing handler is retried in a new
 * transaction (while the database itself is unreachable the consumer waits for it instead, spending no attempt,
 * so that an outage dead-letters nothing, and a consumer stopped while it waits leaves the record unacknowledged, to
 * be read again); a message that still fails, or is not a CloudEvent at all, is negatively acknowledged so that the
 * channel's failure strategy ({@link DeadLetters}) sends it to {@code <topic>.dlq} and the partition moves on.
 *
 * <p>Consumers take a poll's records at once (channels with {@code batch=true}, the {@link KafkaRecordBatch}
 * methods): one hand-off to a worker thread per poll instead of one per record, where most records are events
 * the consumer skips, and one transaction per poll for the events it acts on (each event in a transaction of its own
 * only if the poll's fails). Each record is still acknowledged, or sent to the dead-letter topic, on its own.
 *
 * <p>While the app stops. Quarkus closes Hibernate and the datasource before the Kafka consumers, which go on
 * polling and handing over records for a few seconds more; a record handled then failed on the closed
 * {@code EntityManagerFactory}, spent its attempts and went to the dead-letter topic: a routine stop lost events
 * (seen in the logs of stops during a catch-up). So as the stop begins ({@link ShutdownEvent}, before Hibernate
 * closes) the inbox takes no new poll, waits up to {@link #DRAIN} for the polls being handled to commit, and from
 * then on leaves every record unacknowledged, to be read again after the restart: a failure during the stop is never
 * the event's.
 */
@ApplicationScoped
public class EventInbox {
    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /** The record header holding the event's CloudEvents type (binary content mode's {@code ce_type}). */
    static final String TYPE_HEADER = "ce_type";
    /** How long a stop waits for the polls being handled to commit, before Hibernate closes. */
    static final Duration DRAIN = Duration.ofSeconds(5);

    private final EntityManager em;
    private final ObjectMapper json;
    private final int attempts;
    /** Polls being handled now; a stop waits for them. */
    private final AtomicInteger handling = new AtomicInteger();
    private volatile boolean stopping;

    public EventInbox(EntityManager em, ObjectMapper json,
            @ConfigProperty(name = "technopark.events.consumer.attempts", defaultValue = "3") int attempts) {
        this.em = em;
        this.json = json;
        this.attempts = attempts;
    }

    /** Reads the envelope of a record; a record that is not a CloudEvent is a {@link PoisonMessageException}. */
    public CloudEvent envelope(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new PoisonMessageException("empty record at " + position(record));
        }
        try {
            CloudEvent event = json.readValue(record.value(), CloudEvent.class);
            if (event.id() == null || event.type() == null) {
                throw new PoisonMessageException("record without a CloudEvents id or type at " + position(record));
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("record is not a CloudEvent at " + position(record));
        }
    }

    /**
     * The event of a record, when its type is one the consumer acts on; null for another type. The type is read from
     * the record's {@code ce_type} header (the relay writes it), so an event of another type is not even parsed; a
     * record without the header is parsed as usual (one that is not a CloudEvent is a {@link PoisonMessageException}).
     */
    private CloudEvent actedOn(ConsumerRecord<String, String> record, Predicate<String> types) {
        Header declared = record.headers().lastHeader(TYPE_HEADER);
        if (declared != null && declared.value() != null
                && !types.test(new String(declared.value(), StandardCharsets.UTF_8))) {
            return null;
        }
        CloudEvent event = envelope(record);
        return types.test(event.type()) ? event : null;
    }

    /**
     * Handles a poll's records in their order, each event the consumer acts on ({@code types}) once: its id goes into
     * the consumer's inbox in the same transaction as the handler's effect, so that a redelivered event has no second
     * effect. One transaction takes the whole poll: the inbox rows and the handler's effects of all its events commit
     * together (one commit, one flush to disk, instead of one per event). Should that transaction fail,
     * each event is taken again alone, with the usual retries, so that a failing event sends only itself to the
     * dead-letter topic, and each record is acknowledged on its own (the batch's own negative acknowledgement would
     * dead-letter all of it). Events of other types ({@link #actedOn}) are acknowledged at once, without a transaction
     * or an inbox row, since they have no effect to deduplicate.
     *
     * @return completed once every record is acknowledged or dead-lettered
     */
    public CompletionStage<Void> handle(String consumer, KafkaRecordBatch<String, String> batch, Predicate<String> types,
            Consumer<CloudEvent> handler) {
        return inOneTransaction(consumer, batch, record -> actedOn(record, types), (events, envelopes) -> {
            Set<String> firstTime = firstTime(consumer, events);
            for (CloudEvent event : events) {
                if (firstTime.remove(event.id())) { // removed: an event twice in one poll is handled once
                    handler.accept(event);
                }
            }
        });
    }

    /**
     * Handles a poll's events whose effect deduplicates itself (applying one twice changes nothing the second time),
     * as {@link #handle(String, KafkaRecordBatch, Predicate, Consumer)} does (one transaction for the poll, each event
     * alone should it fail, the same retries, outage waits and dead-letter rule), but without an inbox row. For a
     * consumer that reads every event and acts on few, decided only in the database: an event it has nothing to do
     * for then writes nothing at all, and a poll's transaction that wrote nothing commits without a flush to disk.
     * The handler gets the poll's events at once, in their order, with their records' values (the envelopes as
     * published): all of them, or a single one when it is taken again alone.
     *
     * @return completed once every record is acknowledged or dead-lettered
     */
    public CompletionStage<Void> handleIdempotent(String consumer, KafkaRecordBatch<String, String> batch,
            BiConsumer<List<CloudEvent>, List<String>> handler) {
        return inOneTransaction(consumer, batch, this::envelope, handler);
    }

    /**
     * The events of a poll that {@code take} picks (null: nothing to do, acknowledged at once; a
     * {@link PoisonMessageException}: dead-lettered at once), applied by {@code work} all at once in one transaction
     * (given the events and their records' values); if it fails, each event alone in a transaction of its own, with
     * the usual retries.
     */
    private CompletionStage<Void> inOneTransaction(String consumer, KafkaRecordBatch<String, String> batch,
            Function<ConsumerRecord<String, String>, CloudEvent> take, BiConsumer<List<CloudEvent>, List<String>> work) {
        handling.incrementAndGet(); // counted before the flag is read: a stop either sees this poll or this poll sees it
        try {
            if (stopping) {
                // the app is stopping: the poll's records stay unacknowledged, to be read again after the restart
                return CompletableFuture.completedFuture(null);
            }
            return handlePoll(consumer, batch, take, work);
        } finally {
            if (handling.decrementAndGet() == 0 && stopping) {
                synchronized (handling) {
                    handling.notifyAll();
                }
            }
        }
    }

    /**
     * The stop has begun and Hibernate is still open: no new poll is taken, and the polls being handled get up to
     * {@link #DRAIN} to commit (one transaction each, a few milliseconds; one that fails meanwhile is left
     * unacknowledged, {@link #inTransaction}).
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        synchronized (handling) {
            for (long left = DRAIN.toMillis(); handling.get() > 0 && left > 0;
                    left = (deadline - System.nanoTime()) / 1_000_000) {
                try {
                    handling.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (handling.get() > 0) {
            LOG.warnf("%d polls of events still being handled after %d s: their records stay unacknowledged, to be read"
                    + " again after the restart", handling.get(), DRAIN.toSeconds());
        }
    }

    private CompletionStage<Void> handlePoll(String consumer, KafkaRecordBatch<String, String> batch,
            Function<ConsumerRecord<String, String>, CloudEvent> take, BiConsumer<List<CloudEvent>, List<String>> work) {
        List<CompletionStage<Void>> outcomes = new ArrayList<>(batch.getRecords().size());
        List<KafkaRecord<String, String>> taken = new ArrayList<>();
        List<CloudEvent> events = new ArrayList<>();
        List<String> envelopes = new ArrayList<>();
        for (KafkaRecord<String, String> message : batch) {
            try {
                CloudEvent event = take.apply(record(message));
                if (event == null) {
                    outcomes.add(message.ack());
                } else {
                    events.add(event);
                    taken.add(message);
                    envelopes.add(message.getPayload());
                }
            } catch (PoisonMessageException e) {
                outcomes.add(message.nack(e));
            }
        }
        boolean together = false;
        if (taken.size() > 1) {
            try {
                together = inTransaction(consumer, "a batch of " + taken.size() + " events", 1, () -> {
                    work.accept(events, envelopes);
                    return true;
                });
            } catch (Stopping e) {
                return all(outcomes); // the poll's events stay unacknowledged: they are read again after the restart
            } catch (RuntimeException e) {
                LOG.warnf("%s takes the %d events of a batch one by one", consumer, taken.size());
            }
        }
        for (int i = 0; i < taken.size(); i++) {
            KafkaRecord<String, String> message = taken.get(i);
            CloudEvent event = events.get(i);
            try {
                if (!together) {
                    inTransaction(consumer, event, () -> {
                        work.accept(List.of(event), List.of(message.getPayload()));
                        return true;
                    });
                }
                outcomes.add(message.ack());
            } catch (Stopping e) {
                break; // this record and the next ones stay unacknowledged: they are read again after the restart
            } catch (RuntimeException e) {
                outcomes.add(message.nack(e));
            }
        }
        return all(outcomes);
    }

    private static ConsumerRecord<String, String> record(KafkaRecord<String, String> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (ConsumerRecord<String, String>) m.getRecord())
                .orElseThrow(() -> new IllegalStateException("a batch's record without its Kafka metadata"));
        return record;
    }

    private static CompletionStage<Void> all(List<CompletionStage<Void>> outcomes) {
        return CompletableFuture.allOf(outcomes.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new));
    }

    /**
     * Records the events in the consumer's inbox, in the current transaction, in one statement (one round trip for
     * a poll's events, not one each); returns the ids of those that were not there already.
     */
    private Set<String> firstTime(String consumer, List<CloudEvent> events) {
        Map<String, String> types = new LinkedHashMap<>(); // an event twice in one poll is inserted once
        events.forEach(event -> types.putIfAbsent(event.id(), event.type()));
        List<?> inserted = em.createNativeQuery("""
                WITH inserted AS (
                  INSERT INTO inbox_event (consumer, event_id, type)
                  SELECT ?1, e.id, e.type FROM unnest(CAST(?2 AS text[]), CAST(?3 AS text[])) AS e(id, type)
                  ON CONFLICT DO NOTHING RETURNING event_id)
                SELECT event_id FROM inserted""")
                .setParameter(1, consumer).setParameter(2, types.keySet().toArray(String[]::new))
                .setParameter(3, types.values().toArray(String[]::new)).getResultList();
        Set<String> firstTime = new HashSet<>();
        inserted.forEach(id -> firstTime.add((String) id));
        return firstTime;
    }

    private boolean inTransaction(String consumer, CloudEvent event, Callable<Boolean> work) {
        return inTransaction(consumer, "event " + event.id() + " (" + event.type() + ")", attempts, work);
    }

    /** Runs {@code work} in a transaction of its own, up to {@code tries} times; waits out a database outage. */
    private boolean inTransaction(String consumer, String subject, int tries, Callable<Boolean> work) {
        RuntimeException last = null;
        long outage = 0;
        for (int attempt = 1; attempt <= tries; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    Boolean done = work.call();
                    // written here, so that a write the database refuses fails this call, which is retried,
                    // rather than the commit, where Narayana logs it as a failed synchronisation with its stack
                    em.flush();
                    return done;
                });
            } catch (PoisonMessageException e) {
                throw e;
            } catch (RuntimeException e) {
                if (stopping) {
                    // Hibernate or the datasource closing under the handler: not the event's failure
                    throw new Stopping(consumer + " stops; " + subject + " is read again after the restart (" + e + ")");
                }
                if (Problems.isDatabaseUnavailable(e)) {
                    // The database is down, not the event: wait for it (the record stays unacknowledged), without
                    // spending an attempt, so that an outage sends nothing to the dead-letter topic.
                    outage = Math.min(Math.max(2 * outage, 100), 5_000);
                    LOG.warnf("%s waits for the database before handling %s (%s)", consumer, subject, e.toString());
                    if (!pause(outage)) {
                        throw new Stopping(consumer + " stops while waiting for the database before handling " + subject);
                    }
                    attempt--;
                    continue;
                }
                last = e;
                LOG.warnf("%s failed on %s, attempt %d of %d: %s", consumer, subject, attempt, tries, e.toString());
                if (attempt < tries && !pause(100L * attempt)) {
                    throw new Stopping(consumer + " stops before its next attempt at " + subject);
                }
            }
        }
        throw new IllegalStateException(consumer + " gave up on " + subject + "; it goes to the dead-letter topic", last);
    }

    /** The event's data as a record of the given type. */
    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return json.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("event " + event.id() + " has data that is not a " + type.getSimpleName());
        }
    }

    /** Sleeps; false when interrupted (the application is stopping). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * The application is stopping (the consumer's thread was interrupted while it waited): the record is left
     * unacknowledged, to be read again after the restart, rather than dead-lettered.
     */
    static final class Stopping extends RuntimeException {
        Stopping(String message) {
            super(message);
        }
    }

    /** A message no retry can fix. */
    public static class PoisonMessageException extends RuntimeException {
        public PoisonMessageException(String message) {
            super(message);
        }
    }
}
