package ma.technopark.startups.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import ma.technopark.startups.ProgrammeCompletion;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records in a startup's history the programmes it completed, from programs-service's events. */
@ApplicationScoped
public class ProgramEventsConsumer {
    static final String CONSUMER = "startups.programme-history";
    private static final String COMPLETED = CloudEvent.TYPE_PREFIX + "programs.enrolment.completed";

    private final EventInbox inbox;

    public ProgramEventsConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("programs-events")
    @Blocking
    public CompletionStage<Void> onProgramEvents(KafkaRecordBatch<String, String> records) {
        return inbox.handle(CONSUMER, records, COMPLETED::equals, this::apply);
    }

    void apply(CloudEvent event) {
        if (!COMPLETED.equals(event.type())) {
            return;
        }
        JsonNode data = event.data();
        UUID enrolment = UUID.fromString(data.path("enrolmentId").asText());
        if (ProgrammeCompletion.findById(enrolment) != null) {
            return;
        }
        ProgrammeCompletion c = new ProgrammeCompletion();
        c.enrolmentId = enrolment;
        c.startupId = UUID.fromString(data.path("startupId").asText());
        c.programmeId = UUID.fromString(data.path("programmeId").asText());
        c.programmeCode = data.path("programmeCode").asText();
        c.programmeName = data.path("programmeName").asText();
        c.cohortId = UUID.fromString(data.path("cohortId").asText());
        c.siteCode = data.path("siteCode").asText(null);
        c.completedAt = event.time();
        c.persist();
    }
}
