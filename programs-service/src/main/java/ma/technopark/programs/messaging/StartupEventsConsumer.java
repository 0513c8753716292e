package ma.technopark.programs.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import ma.technopark.contracts.StartupChanged;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import ma.technopark.programs.StartupReplica;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@code startup_replica} in step with startups-service, so that eligibility needs no synchronous call.
 * A state older than the one kept (by version) is ignored; a redelivered event is ignored by the inbox.
 */
@ApplicationScoped
public class StartupEventsConsumer {
    static final String CONSUMER = "programs.startup-replica";
    private static final Set<String> STARTUP_STATE = Set.of(CloudEvent.TYPE_PREFIX + StartupChanged.REGISTERED,
            CloudEvent.TYPE_PREFIX + StartupChanged.UPDATED);

    private final EventInbox inbox;

    public StartupEventsConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("startups-events")
    @Blocking
    public CompletionStage<Void> onStartupEvents(KafkaRecordBatch<String, String> records) {
        return inbox.handle(CONSUMER, records, STARTUP_STATE::contains, this::apply);
    }

    void apply(CloudEvent event) {
        if (!STARTUP_STATE.contains(event.type())) {
            return;
        }
        StartupChanged s = inbox.data(event, StartupChanged.class);
        StartupReplica replica = StartupReplica.<StartupReplica>findByIdOptional(s.id()).orElseGet(StartupReplica::new);
        if (replica.id != null && replica.version > s.version()) {
            return;
        }
        boolean fresh = replica.id == null;
        replica.id = s.id();
        replica.kind = s.kind();
        replica.brandName = s.brandName();
        replica.sector = s.sector();
        replica.stage = s.stage();
        replica.status = s.status();
        replica.homeSiteCode = s.homeSiteCode();
        replica.version = s.version();
        replica.updatedAt = OffsetDateTime.now();
        if (fresh) {
            replica.persist();
        }
    }
}
