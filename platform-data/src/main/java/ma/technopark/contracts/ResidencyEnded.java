package ma.technopark.contracts;

import java.util.UUID;

/** Data of {@code ma.technopark.startups.residency.ended}: the startup leaves; its seats are released. */
public record ResidencyEnded(
        UUID residencyId,
        UUID applicationId,
        UUID startupId,
        String siteCode,
        String outcome) {

    public static final String TYPE = "startups.residency.ended";
}
