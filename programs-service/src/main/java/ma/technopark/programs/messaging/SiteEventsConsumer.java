package ma.technopark.programs.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import ma.technopark.platform.replica.SiteReplica;
import ma.technopark.programs.service.SessionService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps programs-service's copy of the network's sites, against which cohorts' and programmes' sites are checked,
 * and cancels (or moves) the session held in a booking that sites-service cancelled (or moved).
 */
@ApplicationScoped
public class SiteEventsConsumer {
    static final String CONSUMER = "programs.known-sites";

    static final String BOOKING_CANCELLED = CloudEvent.TYPE_PREFIX + "sites.booking.cancelled";
    static final String BOOKING_MOVED = CloudEvent.TYPE_PREFIX + "sites.booking.moved";

    private final EventInbox inbox;
    private final SiteReplica sites;
    private final SessionService sessions;

    public SiteEventsConsumer(EventInbox inbox, SiteReplica sites, SessionService sessions) {
        this.inbox = inbox;
        this.sites = sites;
        this.sessions = sessions;
    }

    @Incoming("sites-events")
    @Blocking
    public CompletionStage<Void> onSiteEvents(KafkaRecordBatch<String, String> records) {
        return inbox.handle(CONSUMER, records, type -> sites.handles(type) || BOOKING_CANCELLED.equals(type)
                || BOOKING_MOVED.equals(type), this::apply);
    }

    void apply(CloudEvent event) {
        if (sites.handles(event)) {
            sites.apply(event);
        } else if (BOOKING_CANCELLED.equals(event.type())) {
            sessions.bookingCancelled(inbox.data(event, BookingCancelled.class).bookingId());
        } else if (BOOKING_MOVED.equals(event.type())) {
            BookingMoved moved = inbox.data(event, BookingMoved.class);
            sessions.bookingMoved(moved.bookingId(), moved.spaceId(), moved.startsAt(), moved.endsAt());
        }
    }

    /** The part of sites-service's booking event this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BookingCancelled(@JsonProperty(required = true) UUID bookingId) {
    }

    /** The part of sites-service's booking-moved event this service reads: the booking's new slot. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BookingMoved(@JsonProperty(required = true) UUID bookingId, @JsonProperty(required = true) UUID spaceId,
            @JsonProperty(required = true) java.time.OffsetDateTime startsAt, @JsonProperty(required = true) java.time.OffsetDateTime endsAt) {
    }
}
