package ma.technopark.contracts;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Data of {@code ma.technopark.sites.hosting.allocated}, {@code ...hosting.waitlisted} and
 * {@code ...hosting.released}: the sites side of the admission saga. {@code applicationId} is set when the
 * request came from an accepted application; {@code allocationId} is null for a waitlisted request, and
 * {@code waitlistEntryId} is set when it is waitlisted or was promoted from the waitlist.
 */
public record HostingDecided(
        UUID allocationId,
        UUID waitlistEntryId,
        UUID applicationId,
        UUID startupId,
        UUID siteId,
        String siteCode,
        UUID spaceId,
        int seats,
        LocalDate startDate,
        LocalDate endDate) {

    public static final String ALLOCATED = "sites.hosting.allocated";
    public static final String WAITLISTED = "sites.hosting.waitlisted";
    public static final String RELEASED = "sites.hosting.released";
}
