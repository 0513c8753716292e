package ma.technopark.contracts;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Data of {@code ma.technopark.startups.application.accepted}: an incubation application accepted for a site,
 * which starts the admission saga (sites-service allocates the seats or waitlists the request).
 */
public record ApplicationAccepted(
        UUID applicationId,
        UUID startupId,
        String siteCode,
        int seats,
        LocalDate startDate,
        LocalDate endDate) {

    public static final String TYPE = "startups.application.accepted";
}
