package ma.technopark.sites.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Caller;
import ma.technopark.platform.security.Roles;
import ma.technopark.sites.Booking;
import ma.technopark.sites.Site;
import ma.technopark.sites.rest.BookingRequest;

/**
 * Room bookings. Overlaps are refused by the database itself (an exclusion constraint on room and time
 * range), so no interleaving of requests can double-book. A weekly series is all or nothing: if one week's
 * slot is taken, no week is booked and the 409 names the dates that clash.
 */
@ApplicationScoped
public class BookingService {
    private static final String OVERLAP = "23P01";

    private final EntityManager em;
    private final DomainEvents events;
    private final Caller caller;

    public BookingService(EntityManager em, DomainEvents events, Caller caller) {
        this.em = em;
        this.events = events;
        this.caller = caller;
    }

    public Booking get(UUID id) {
        Booking booking = Booking.findById(id);
        if (booking == null) {
            throw ApiException.notFound("booking", id);
        }
        return booking;
    }

    public List<Booking> list(UUID spaceId, LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(SpaceService.LOCAL).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(SpaceService.LOCAL).toOffsetDateTime();
        return Booking.list("spaceId = ?1 and startsAt < ?3 and endsAt > ?2", Sort.by("startsAt"), spaceId, start, end);
    }

    @Transactional
    public List<Booking> book(BookingRequest r) {
        Room room = lockRoom(r.spaceId());
        if (room == null) {
            throw ApiException.invalid("spaceId", "is not a known space");
        }
        if (!room.bookable()) {
            throw ApiException.invalid("spaceId", "is not a bookable room");
        }
        if (!r.endTime().isAfter(r.startTime())) {
            throw ApiException.invalid("endTime", "must be after startTime on the same day (a slot cannot cross midnight)");
        }
        if (caller.is(Roles.SITE_MANAGER) && !caller.admin() && !caller.is(Roles.PROGRAMME_MANAGER)
                && !caller.sites().contains(room.siteCode())) {
            throw ApiException.forbidden("You do not manage site " + room.siteCode());
        }
        int weeks = r.weeks() == null ? 1 : r.weeks();
        ZonedDateTime firstStart = r.date().atTime(r.startTime()).atZone(SpaceService.LOCAL);
        if (firstStart.toInstant().isBefore(java.time.Instant.now())) {
            throw ApiException.invalid("date", "the slot is in the past");
        }
        UUID series = weeks > 1 ? Ids.newId() : null;
        List<Booking> made = new ArrayList<>();
        List<LocalDate> clashes = new ArrayList<>();
        for (int week = 0; week < weeks; week++) {
            LocalDate day = r.date().plusWeeks(week);
            Booking b = new Booking();
            b.id = Ids.newId();
            b.siteId = room.siteId();
            b.spaceId = room.id();
            b.title = r.title();
            b.bookedBy = caller.subject();
            b.startsAt = day.atTime(r.startTime()).atZone(SpaceService.LOCAL).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            b.endsAt = day.atTime(r.endTime()).atZone(SpaceService.LOCAL).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            b.status = Booking.Status.CONFIRMED;
            b.seriesId = series;
            b.createdAt = SpaceService.now();
            if (weeks > 1 && overlaps(b)) {
                clashes.add(day); // a series names every week that clashes; a single slot is left to the constraint
            }
            made.add(b);
        }
        if (!clashes.isEmpty()) {
            throw taken(room, clashes);
        }
        try {
            for (Booking b : made) {
                em.persist(b);
            }
            em.flush();
        } catch (PersistenceException e) {
            if (isOverlap(e)) {
                throw taken(room, List.of(r.date())); // a single slot is left to the constraint (the room is locked)
            }
            throw e;
        }
        for (Booking b : made) {
            events.record("sites.booking.confirmed", b.id, payload(room.siteCode(), b));
        }
        return made;
    }

    @Transactional
    public Booking cancel(UUID id) {
        Booking b = get(id);
        Site site = Site.findById(b.siteId);
        boolean allowed = caller.admin() || caller.subject().equals(b.bookedBy)
                || (caller.is(Roles.SITE_MANAGER) && caller.sites().contains(site.code));
        if (!allowed) {
            throw ApiException.forbidden("Only the booker, the site's manager or an admin cancels a booking");
        }
        if (b.status == Booking.Status.CANCELLED) {
            throw ApiException.conflict("illegal-transition", "Booking " + id + " is already cancelled");
        }
        b.status = Booking.Status.CANCELLED;
        b.cancelledAt = SpaceService.now();
        em.flush();
        events.record("sites.booking.cancelled", b.id, payload(site.code, b));
        return b;
    }

    /**
     * The room, locked until the transaction ends: bookings of one room are decided one after the other. Without
     * it, concurrent requests for the same slot each inserted their row and then waited for the others' to commit
     * or abort (that is how an exclusion constraint checks), so two of them could wait for each other: PostgreSQL
     * broke such deadlocks after a second by failing a request with an error (the bench saw a race of 64 requests
     * end with no booking at all, 500s and 503s). Locked, the next request finds the slot taken at once. The lock is
     * {@code FOR NO KEY UPDATE}: it does not stop allocations and bookings from referencing the room meanwhile.
     * The same query reads the site's code (the manager's check and the event need it), which used to take a second
     * query under the lock (JFR: 11% of sites-service's samples while booking; bench/README.md).
     */
    private Room lockRoom(UUID id) {
        List<?> found = em.createNativeQuery("SELECT sp.id, sp.name, sp.bookable, sp.site_id, si.code FROM space sp"
                        + " JOIN site si ON si.id = sp.site_id WHERE sp.id = ?1 FOR NO KEY UPDATE OF sp")
                .setParameter(1, id).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) found.get(0);
        return new Room((UUID) row[0], (String) row[1], (Boolean) row[2], (UUID) row[3], (String) row[4]);
    }

    /** The room being booked and its site's code, as read under the room's lock. */
    private record Room(UUID id, String name, boolean bookable, UUID siteId, String siteCode) {
    }

    /**
     * Whether a confirmed booking of the room overlaps: asked for each week of a series, so that a refusal names
     * every clashing date. A single slot is not asked: the exclusion constraint refuses it on insert (the same
     * index lookup), which saved a query per booking. Asked on {@code period}, so that the exclusion constraint's
     * GiST index finds the overlapping rows themselves: asked on {@code starts_at} and {@code ends_at}, the index
     * served the room only and every booking the room ever had was read and filtered (0.46 ms of PostgreSQL's CPU
     * at 450 bookings a room, against 0.04 ms; bench/README.md). A plain query with a row limit rather than
     * Panache's count(), which Hibernate re-translated on every call.
     */
    private boolean overlaps(Booking b) {
        return !em.createNativeQuery("SELECT 1 FROM booking WHERE space_id = ?1 AND status = 'CONFIRMED'"
                        + " AND period && tstzrange(CAST(?2 AS timestamptz), CAST(?3 AS timestamptz), '[)') LIMIT 1")
                .setParameter(1, b.spaceId).setParameter(2, b.startsAt).setParameter(3, b.endsAt)
                .getResultList().isEmpty();
    }

    private static ApiException taken(Room room, List<LocalDate> days) {
        return new ApiException(409, "slot-taken", "Conflict", "Room " + room.name() + " is already booked at this time on "
                + days + "; nothing was booked", List.of(new ma.technopark.platform.problem.Problem.FieldError("startTime",
                "the room is taken on " + days)));
    }

    private static boolean isOverlap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && OVERLAP.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> payload(String siteCode, Booking b) {
        return Map.of("bookingId", b.id, "siteId", b.siteId, "siteCode", siteCode, "spaceId", b.spaceId, "title", b.title,
                "startsAt", b.startsAt.toString(), "endsAt", b.endsAt.toString(), "status", b.status.name(),
                "seriesId", b.seriesId == null ? "" : b.seriesId.toString(), "bookedBy", b.bookedBy);
    }
}
