package ma.technopark.platform.replica;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Set;
import ma.technopark.contracts.SiteChanged;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;

/**
 * A service's own copy of the network's sites, kept from sites-service's events, so that it checks site codes
 * without a synchronous call. A state older than the one kept (by version) is ignored. Used inside the inbox's
 * transaction; the consuming service's migration creates {@code known_site}.
 */
@ApplicationScoped
public class SiteReplica {
    private static final Set<String> SITE_STATE = Set.of(
            CloudEvent.TYPE_PREFIX + SiteChanged.REGISTERED,
            CloudEvent.TYPE_PREFIX + SiteChanged.UPDATED,
            CloudEvent.TYPE_PREFIX + SiteChanged.STATUS_CHANGED);

    private final EventInbox inbox;

    public SiteReplica(EventInbox inbox) {
        this.inbox = inbox;
    }

    public boolean handles(CloudEvent event) {
        return handles(event.type());
    }

    /** Whether events of this CloudEvents type change a site's state. */
    public boolean handles(String type) {
        return SITE_STATE.contains(type);
    }

    public void apply(CloudEvent event) {
        SiteChanged site = inbox.data(event, SiteChanged.class);
        KnownSite known = KnownSite.<KnownSite>findByIdOptional(site.id()).orElseGet(KnownSite::new);
        if (known.id != null && known.version > site.version()) {
            return;
        }
        boolean fresh = known.id == null;
        known.id = site.id();
        known.code = site.code();
        known.nameFr = site.nameFr();
        known.city = site.city();
        known.region = site.region();
        known.kind = site.kind();
        known.status = site.status();
        known.hostingCapacity = site.hostingCapacity();
        known.version = site.version();
        known.updatedAt = OffsetDateTime.now();
        if (fresh) {
            known.persist();
        }
    }

    /** Whether the code names a site of the network. */
    public boolean known(String code) {
        return KnownSite.count("code", code) > 0;
    }
}
