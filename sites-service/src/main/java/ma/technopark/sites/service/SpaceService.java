package ma.technopark.sites.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.sites.Site;
import ma.technopark.sites.Space;
import ma.technopark.sites.repository.AllocationRepository;
import ma.technopark.sites.rest.SpaceRequest;

/** Spaces of a site; a capacity cut below what is allocated from today on is refused. */
@ApplicationScoped
public class SpaceService {
    static final ZoneId LOCAL = ZoneId.of("Africa/Casablanca");

    private final SiteService sites;
    private final AllocationRepository allocations;
    private final DomainEvents events;

    public SpaceService(SiteService sites, AllocationRepository allocations, DomainEvents events) {
        this.sites = sites;
        this.allocations = allocations;
        this.events = events;
    }

    public List<Space> list(UUID siteId) {
        sites.get(siteId);
        return Space.list("siteId", io.quarkus.panache.common.Sort.by("id"), siteId);
    }

    public Space get(UUID siteId, UUID spaceId) {
        Space space = Space.findById(spaceId);
        if (space == null || !space.siteId.equals(siteId)) {
            throw ApiException.notFound("space", spaceId);
        }
        return space;
    }

    @Transactional
    public Space add(UUID siteId, SpaceRequest request) {
        Site site = sites.lockForManager(siteId);
        Space space = new Space();
        space.id = Ids.newId();
        space.siteId = site.id;
        space.createdAt = now();
        apply(space, request);
        space.persist();
        space.flush();
        capacityChanged(site, space, 0);
        return space;
    }

    @Transactional
    public Space update(UUID siteId, UUID spaceId, long expectedVersion, SpaceRequest request) {
        Site site = sites.lockForManager(siteId);
        Space space = get(siteId, spaceId);
        Preconditions.check(expectedVersion, space.version);
        int previous = space.seats;
        if (request.seats() < previous) {
            int used = allocations.maxSeatsUsed(space.id, LocalDate.now(LOCAL), null);
            if (request.seats() < used) {
                throw ApiException.conflict("capacity-below-allocated", "Space " + space.name + " has " + used
                        + " seats allocated on some day from today on; it cannot be cut to " + request.seats());
            }
        }
        apply(space, request);
        space.flush();
        if (previous != space.seats) {
            capacityChanged(site, space, previous);
        }
        return space;
    }

    private void capacityChanged(Site site, Space space, int previous) {
        events.record("sites.space.capacity-changed", space.id, Map.of("spaceId", space.id, "siteId", site.id,
                "siteCode", site.code, "type", space.type.name(), "previousSeats", previous, "seats", space.seats,
                "bookable", space.bookable, "allocatable", space.allocatable));
    }

    private static void apply(Space space, SpaceRequest r) {
        space.name = r.name();
        space.type = r.type();
        space.seats = r.seats();
        space.areaM2 = r.areaM2();
        space.bookable = r.bookable() != null ? r.bookable() : r.type().name().endsWith("ROOM") || r.type().name().equals("EVENT_HALL");
        space.allocatable = r.allocatable() != null ? r.allocatable() : !space.bookable;
        space.amenities = r.amenities() == null ? new String[0] : r.amenities().toArray(String[]::new);
        space.updatedAt = now();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
