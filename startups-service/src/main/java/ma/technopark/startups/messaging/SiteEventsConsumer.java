package ma.technopark.startups.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import ma.technopark.contracts.HostingDecided;
import ma.technopark.contracts.SiteChanged;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import ma.technopark.startups.KnownSite;
import ma.technopark.startups.service.ResidencyService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@code known_site} in step with sites-service, and takes the sites' answers of the admission saga. Events of one site arrive in order (the record key is
 * the site id); a redelivered event is ignored by the inbox. The inbox opens one transaction per attempt,
 * which is why this method is not itself {@code @Transactional}.
 */
@ApplicationScoped
public class SiteEventsConsumer {
    static final String CONSUMER = "startups.known-sites";
    private static final java.util.Set<String> SITE_STATE = java.util.Set.of(
            CloudEvent.TYPE_PREFIX + SiteChanged.REGISTERED,
            CloudEvent.TYPE_PREFIX + SiteChanged.UPDATED,
            CloudEvent.TYPE_PREFIX + SiteChanged.STATUS_CHANGED);

    private final EventInbox inbox;
    private final ResidencyService residencies;

    public SiteEventsConsumer(EventInbox inbox, ResidencyService residencies) {
        this.inbox = inbox;
        this.residencies = residencies;
    }

    @Incoming("sites-events")
    @Blocking
    public void onSiteEvent(ConsumerRecord<String, String> record) {
        inbox.handle(CONSUMER, record, this::apply);
    }

    void apply(CloudEvent event) {
        if (event.type().equals(CloudEvent.TYPE_PREFIX + HostingDecided.ALLOCATED)
                || event.type().equals(CloudEvent.TYPE_PREFIX + HostingDecided.WAITLISTED)) {
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
        if (!SITE_STATE.contains(event.type())) {
            return; // other site events do not change what this service keeps
        }
        SiteChanged site = inbox.data(event, SiteChanged.class);
        KnownSite known = KnownSite.<KnownSite>findByIdOptional(site.id()).orElseGet(KnownSite::new);
        boolean fresh = known.id == null;
        known.id = site.id();
        known.code = site.code();
        known.nameFr = site.nameFr();
        known.city = site.city();
        known.region = site.region();
        known.kind = site.kind();
        known.status = site.status();
        known.hostingCapacity = site.hostingCapacity();
        known.version = site.version();
        known.updatedAt = OffsetDateTime.now();
        if (fresh) {
            known.persist();
        }
    }
}
