package ma.technopark.programs.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic of the platform (its own consumer group) and queues a delivery for each subscription an
 * event matches, in the inbox's transaction: an event is queued once per subscription, whatever Kafka redelivers.
 * Delivering is the {@link WebhookDispatcher}'s work, off this thread.
 */
@ApplicationScoped
public class WebhookEventsConsumer {
    static final String CONSUMER = "programs.webhooks";

    private final EventInbox inbox;
    private final Webhooks webhooks;
    private final ObjectMapper json;

    public WebhookEventsConsumer(EventInbox inbox, Webhooks webhooks, ObjectMapper json) {
        this.inbox = inbox;
        this.webhooks = webhooks;
        this.json = json;
    }

    @Incoming("webhook-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        inbox.handle(CONSUMER, record, this::queue);
    }

    void queue(CloudEvent event) {
        try {
            webhooks.enqueue(event.id(), event.type(), event.data(), json.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
