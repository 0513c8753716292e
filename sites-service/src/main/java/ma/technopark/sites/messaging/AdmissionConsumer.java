package ma.technopark.sites.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import ma.technopark.contracts.ApplicationAccepted;
import ma.technopark.contracts.ResidencyEnded;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import ma.technopark.sites.service.AllocationService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The sites side of the admission saga: an accepted application is allocated or waitlisted (answered with a
 * hosting event), and a residency that ends releases its seats. Handled once per event (inbox) and once per
 * application (unique application id on allocations and waitlist entries).
 */
@ApplicationScoped
public class AdmissionConsumer {
    private static final Logger LOG = Logger.getLogger(AdmissionConsumer.class);
    static final String CONSUMER = "sites.admission";
    private static final Set<String> TYPES = Set.of(CloudEvent.TYPE_PREFIX + ApplicationAccepted.TYPE,
            CloudEvent.TYPE_PREFIX + ResidencyEnded.TYPE);

    private final EventInbox inbox;
    private final AllocationService allocations;

    public AdmissionConsumer(EventInbox inbox, AllocationService allocations) {
        this.inbox = inbox;
        this.allocations = allocations;
    }

    @Incoming("startups-events")
    @Blocking
    public CompletionStage<Void> onStartupEvents(KafkaRecordBatch<String, String> records) {
        return inbox.handle(CONSUMER, records, TYPES::contains, this::apply);
    }

    void apply(CloudEvent event) {
        if (event.type().equals(CloudEvent.TYPE_PREFIX + ApplicationAccepted.TYPE)) {
            ApplicationAccepted accepted = inbox.data(event, ApplicationAccepted.class);
            if (allocations.admit(accepted.applicationId(), accepted.startupId(), accepted.siteCode(),
                    accepted.seats(), accepted.startDate(), accepted.endDate()).isEmpty()) {
                LOG.infof("application %s: already decided, or unknown site %s", accepted.applicationId(), accepted.siteCode());
            }
        } else if (event.type().equals(CloudEvent.TYPE_PREFIX + ResidencyEnded.TYPE)) {
            ResidencyEnded ended = inbox.data(event, ResidencyEnded.class);
            if (ended.applicationId() != null) {
                allocations.releaseForApplication(ended.applicationId());
            }
        }
    }
}
