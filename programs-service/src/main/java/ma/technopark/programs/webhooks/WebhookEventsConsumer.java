package ma.technopark.programs.webhooks;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import ma.technopark.platform.events.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic of the platform (its own consumer group) and queues a delivery for each subscription an
 * event matches: an event is queued once per subscription, whatever Kafka redelivers, since a delivery is unique
 * per subscription and event. That uniqueness is the deduplication, so no inbox row is written: most events match
 * no subscription, and such an event writes nothing (a poll's events are matched in one query, in one transaction,
 * whose commit has nothing to flush when none matched). The envelope
 * is delivered as it was published. Delivering is the {@link WebhookDispatcher}'s work, off this thread.
 */
@ApplicationScoped
public class WebhookEventsConsumer {
    static final String CONSUMER = "programs.webhooks";

    private final EventInbox inbox;
    private final Webhooks webhooks;

    public WebhookEventsConsumer(EventInbox inbox, Webhooks webhooks) {
        this.inbox = inbox;
        this.webhooks = webhooks;
    }

    @Incoming("webhook-events")
    @Blocking
    public CompletionStage<Void> onEvents(KafkaRecordBatch<String, String> records) {
        return inbox.handleIdempotent(CONSUMER, records, webhooks::enqueue);
    }
}
