package ma.technopark.sites.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import ma.technopark.sites.Allocation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Allocation")
public record AllocationView(UUID id, UUID siteId, UUID spaceId, UUID startupId, int seats, LocalDate startDate,
        LocalDate endDate, Allocation.Status status, UUID applicationId, OffsetDateTime createdAt, OffsetDateTime releasedAt,
        long version) {

    public static AllocationView of(Allocation a) {
        return new AllocationView(a.id, a.siteId, a.spaceId, a.startupId, a.seats, a.startDate, a.endDate, a.status,
                a.applicationId, a.createdAt, a.releasedAt, a.version);
    }
}
