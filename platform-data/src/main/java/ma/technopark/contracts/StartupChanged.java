package ma.technopark.contracts;

import java.util.UUID;

/**
 * Data of {@code ma.technopark.startups.startup.registered} and {@code ...startup.updated}: enough for another
 * service (programs-service's eligibility checks) to keep its own copy of a startup's stage and status.
 */
public record StartupChanged(UUID id, String kind, String brandName, String sector, String stage, String status,
        String homeSiteCode, long version) {

    public static final String REGISTERED = "startups.startup.registered";
    public static final String UPDATED = "startups.startup.updated";
}
