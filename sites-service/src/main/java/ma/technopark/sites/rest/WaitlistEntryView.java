package ma.technopark.sites.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import ma.technopark.sites.WaitlistEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WaitlistEntry")
public record WaitlistEntryView(UUID id, UUID siteId, UUID spaceId, UUID startupId, int seats, LocalDate startDate,
        LocalDate endDate, WaitlistEntry.Status status, UUID applicationId, UUID allocationId, OffsetDateTime createdAt) {

    public static WaitlistEntryView of(WaitlistEntry w) {
        return new WaitlistEntryView(w.id, w.siteId, w.spaceId, w.startupId, w.seats, w.startDate, w.endDate, w.status,
                w.applicationId, w.allocationId, w.createdAt);
    }
}
