package ma.technopark.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import ma.technopark.platform.Ids;

/**
 * Records a domain event in the outbox, inside the caller's transaction: it is committed with the state
 * change or not at all. After the commit the relay is woken to publish it at once.
 */
@ApplicationScoped
public class DomainEvents {
    private final EntityManager em;
    private final ObjectMapper json;
    private final EventsConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public DomainEvents(EntityManager em, ObjectMapper json, EventsConfig config,
            TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.em = em;
        this.json = json;
        this.config = config;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * @param type        the event type after {@code ma.technopark.}, e.g. {@code sites.hosting.allocated}
     * @param aggregateId the aggregate's id: the CloudEvents subject and the Kafka record key
     * @param payload     the event-carried state, serialised as the event's {@code data}
     * @return the event id
     */
    public UUID record(String type, Object aggregateId, Object payload) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("events are recorded inside the state change's transaction");
        }
        ma.technopark.contracts.EventCatalog.require(type, config.topic());
        UUID id = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String fullType = type.startsWith(CloudEvent.TYPE_PREFIX) ? type : CloudEvent.TYPE_PREFIX + type;
        CloudEvent envelope = new CloudEvent(CloudEvent.SPEC_VERSION, id.toString(), config.source(), fullType, now,
                aggregateId.toString(), "application/json", json.valueToTree(payload));
        OutboxEvent row = new OutboxEvent();
        row.id = id;
        row.topic = config.topic();
        row.recordKey = aggregateId.toString();
        row.type = fullType;
        row.createdAt = now;
        row.traceparent = traceparent();
        try {
            row.envelope = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + type, e);
        }
        em.persist(row);
        if (transactions.getResource(OutboxRelay.class) == null) {
            transactions.putResource(OutboxRelay.class, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
        return id;
    }

    private static String traceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
