package ma.technopark.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
 * so that an outage dead-letters nothing); a message that still fails, or is not a CloudEvent at all, is rethrown so that the
 * channel's {@code dead-letter-queue} failure strategy sends it to {@code <topic>.dlq} and the partition
 * moves on.
 */
@ApplicationScoped
public class EventInbox {
    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /** The record header holding the event's CloudEvents type (binary content mode's {@code ce_type}). */
    static final String TYPE_HEADER = "ce_type";

    private final EntityManager em;
    private final ObjectMapper json;
    private final int attempts;

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
     * Handles the event once per consumer: runs {@code handler} and records the event id in one transaction.
     *
     * @return true when the handler ran, false when the event had been handled before
     */
    public boolean handle(String consumer, ConsumerRecord<String, String> record, Consumer<CloudEvent> handler) {
        return handle(consumer, envelope(record), handler);
    }

    /**
     * Handles the event once per consumer, as {@link #handle(String, ConsumerRecord, Consumer)}, when its type is one
     * the consumer acts on. An event of another type is acknowledged as it comes: no transaction and no inbox row,
     * since it has no effect to deduplicate. The type is read from the record's {@code ce_type} header (the relay
     * writes it), so such an event is not even parsed; a record without the header is parsed as usual (a record
     * that is not a CloudEvent still goes to the dead-letter topic).
     *
     * @return true when the handler ran, false when the event had been handled before or is of another type
     */
    public boolean handle(String consumer, ConsumerRecord<String, String> record, Predicate<String> types,
            Consumer<CloudEvent> handler) {
        Header declared = record.headers().lastHeader(TYPE_HEADER);
        if (declared != null && declared.value() != null
                && !types.test(new String(declared.value(), StandardCharsets.UTF_8))) {
            return false;
        }
        CloudEvent event = envelope(record);
        return types.test(event.type()) && handle(consumer, event, handler);
    }

    private boolean handle(String consumer, CloudEvent event, Consumer<CloudEvent> handler) {
        return inTransaction(consumer, event, () -> {
            int fresh = em.createNativeQuery("INSERT INTO inbox_event (consumer, event_id, type) VALUES (?1, ?2, ?3)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter(1, consumer).setParameter(2, event.id()).setParameter(3, event.type())
                    .executeUpdate();
            if (fresh == 0) {
                return false;
            }
            handler.accept(event);
            return true;
        });
    }

    /**
     * Handles an event whose effect deduplicates itself (applying it twice changes nothing the second time), with
     * the same retries, outage waits and dead-letter rule as {@link #handle(String, ConsumerRecord, Consumer)}, but
     * without an inbox row. For a consumer that reads every event and acts on few, decided only in the database:
     * an event it has nothing to do for then writes nothing at all, and its transaction, having written nothing,
     * commits without a flush to disk.
     */
    public void handleIdempotent(String consumer, ConsumerRecord<String, String> record, Consumer<CloudEvent> handler) {
        CloudEvent event = envelope(record);
        inTransaction(consumer, event, () -> {
            handler.accept(event);
            return true;
        });
    }

    private boolean inTransaction(String consumer, CloudEvent event, Callable<Boolean> work) {
        RuntimeException last = null;
        long outage = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (PoisonMessageException e) {
                throw e;
            } catch (RuntimeException e) {
                if (Problems.isDatabaseUnavailable(e)) {
                    // The database is down, not the event: wait for it (the record stays unacknowledged), without
                    // spending an attempt, so that an outage sends nothing to the dead-letter topic.
                    outage = Math.min(Math.max(2 * outage, 100), 5_000);
                    LOG.warnf("%s waits for the database before handling event %s (%s)", consumer, event.id(), e.toString());
                    if (!pause(outage)) {
                        break;
                    }
                    attempt--;
                    continue;
                }
                last = e;
                LOG.warnf("%s failed on event %s (%s), attempt %d of %d: %s", consumer, event.id(), event.type(),
                        attempt, attempts, e.toString());
                if (!pause(100L * attempt)) {
                    break;
                }
            }
        }
        throw new IllegalStateException(consumer + " gave up on event " + event.id() + "; it goes to the dead-letter topic", last);
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

    /** A message no retry can fix. */
    public static class PoisonMessageException extends RuntimeException {
        public PoisonMessageException(String message) {
            super(message);
        }
    }
}
