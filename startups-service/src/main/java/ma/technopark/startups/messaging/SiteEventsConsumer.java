package ma.technopark.startups.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import ma.technopark.contracts.HostingDecided;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import ma.technopark.platform.replica.SiteReplica;
import ma.technopark.startups.service.ResidencyService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@code known_site} in step with sites-service ({@link SiteReplica}), and takes the sites' answers of
 * the admission saga. A redelivered event is ignored by the inbox. The inbox opens one transaction per attempt,
 * which is why this method is not itself {@code @Transactional}.
 */
@ApplicationScoped
public class SiteEventsConsumer {
    static final String CONSUMER = "startups.known-sites";
    private static final Set<String> HOSTING = Set.of(CloudEvent.TYPE_PREFIX + HostingDecided.ALLOCATED,
            CloudEvent.TYPE_PREFIX + HostingDecided.WAITLISTED);

    private final EventInbox inbox;
    private final SiteReplica sites;
    private final ResidencyService residencies;

    public SiteEventsConsumer(EventInbox inbox, SiteReplica sites, ResidencyService residencies) {
        this.inbox = inbox;
        this.sites = sites;
        this.residencies = residencies;
    }

    @Incoming("sites-events")
    @Blocking
    public CompletionStage<Void> onSiteEvents(KafkaRecordBatch<String, String> records) {
        return inbox.handle(CONSUMER, records, this::handles, this::apply);
    }

    /** The hosting decisions of the saga, and the sites' own changes. */
    boolean handles(String type) {
        return HOSTING.contains(type) || sites.handles(type);
    }

    void apply(CloudEvent event) {
        if (HOSTING.contains(event.type())) {
            HostingDecided hosting = inbox.data(event, HostingDecided.class);
            if (hosting.applicationId() == null) {
                return; // hosting arranged directly at the site, not through an application
            }
            if (event.type().endsWith(".allocated")) {
                residencies.allocated(hosting);
            } else {
                residencies.waitlisted(hosting);
            }
            return;
        }
        if (sites.handles(event)) {
            sites.apply(event);
        }
    }
}
