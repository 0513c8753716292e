package ma.technopark.contracts;

import java.util.UUID;

/**
 * Data of {@code ma.technopark.sites.site.registered}, {@code ...site.updated} and {@code ...site.status-changed}: the site's state
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
    public static final String STATUS_CHANGED = "sites.site.status-changed";
}
