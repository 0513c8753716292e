package ma.technopark.programs.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import ma.technopark.platform.replica.SiteReplica;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps programs-service's copy of the network's sites, against which cohorts' and programmes' sites are checked. */
@ApplicationScoped
public class SiteEventsConsumer {
    static final String CONSUMER = "programs.known-sites";

    private final EventInbox inbox;
    private final SiteReplica sites;

    public SiteEventsConsumer(EventInbox inbox, SiteReplica sites) {
        this.inbox = inbox;
        this.sites = sites;
    }

    @Incoming("sites-events")
    @Blocking
    public CompletionStage<Void> onSiteEvents(KafkaRecordBatch<String, String> records) {
        return inbox.handle(CONSUMER, records, sites::handles, this::apply);
    }

    void apply(CloudEvent event) {
        if (sites.handles(event)) {
            sites.apply(event);
        }
    }
}
