package ma.technopark.contracts;

import java.util.UUID;

/**
 * Data of {@code ma.technopark.sites.site.registered} and {@code ...sites.site.updated}: the site's state
 * after the change, enough for another service to keep its own copy (event-carried state).
 */
public record SiteChanged(
        UUID id,
        String code,
        String nameFr,
        String city,
        String region,
        String kind,
        String status,
        Integer hostingCapacity,
        long version) {

    public static final String REGISTERED = "sites.site.registered";
    public static final String UPDATED = "sites.site.updated";
}
