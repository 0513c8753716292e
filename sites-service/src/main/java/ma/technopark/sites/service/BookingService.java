package ma.technopark.sites.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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
import java.util.Set;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.concurrent.BatchMeters;
import ma.technopark.platform.concurrent.Combiner;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Caller;
import ma.technopark.platform.security.Roles;
import ma.technopark.sites.Booking;
import ma.technopark.sites.Site;
import ma.technopark.sites.rest.BookingMoveRequest;
import ma.technopark.sites.rest.BookingRequest;

/**
 * Room bookings. Overlaps are refused by the database itself (an exclusion constraint on room and time
 * range), so no interleaving of requests can double-book. A weekly series is all or nothing: if one week's
 * slot is taken, no week is booked and the 409 names the dates that clash.
 * <p>
 * Requests that come at once for one room are decided together, as hosting decisions are at a site: one
 * transaction locks the room, decides each in turn and commits them all ({@link Combiner}). Of 64 requests for
 * one slot, one is booked and the others are told at once that it is taken, instead of each waiting for the
 * room's lock in turn.
 */
@ApplicationScoped
public class BookingService {
    private static final String OVERLAP = "23P01";
    /**
     * How far ahead a room can be booked: the first slot at most two years from today (a weekly series goes on from
     * there). Without it a typo in the year ("2926") holds a room for ever, and no one sees it in the week's plan.
     */
    static final java.time.Period HORIZON = java.time.Period.ofYears(2);

    private final EntityManager em;
    private final DomainEvents events;
    private final WritesTogether writes;
    private final Caller caller;
    /** Bookings of a room, batched: a transaction that locks the room takes every booking waiting for it. */
    private final Combiner<UUID, Locked> decisions;

    public BookingService(EntityManager em, DomainEvents events, WritesTogether writes, Caller caller, MeterRegistry registry) {
        this.em = em;
        this.events = events;
        this.writes = writes;
        this.caller = caller;
        // in a batch a refusal is decided before anything is written, and the batch's rows are written together at the
        // commit; a slot found taken by the exclusion constraint there (a write that failed, which ends the
        // transaction) undoes the batch, and each booking is decided again alone
        this.decisions = new Combiner<>((roomId, n, decide) -> QuarkusTransaction.requiringNew().run(() -> {
                    Room room = lockRoom(roomId);
                    writes.take(n, () -> decide.accept(new Locked(room, n > 1 ? new Batch() : null)));
                }),
                e -> e instanceof ApiException && !(e instanceof SlotTakenOnInsert), AllocationService.BATCH,
                BatchMeters.register(registry, "technopark.sites.bookings", "bookings of a room"));
    }

    /** Who asks, as a booking needs it: read in the caller's request, since the batch may run in another's. */
    private record Asker(String subject, boolean admin, boolean siteManager, boolean programmeManager, Set<String> sites) {
        static Asker of(Caller caller) {
            return new Asker(caller.subject(), caller.admin(), caller.is(Roles.SITE_MANAGER), caller.is(Roles.PROGRAMME_MANAGER),
                    caller.is(Roles.SITE_MANAGER) ? caller.sites() : Set.of());
        }
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

    /**
     * Books the slot (every week of a series, or none). Inside a transaction of the caller's (the one that records
     * an Idempotency-Key with its outcome), the booking is decided in it; otherwise it is batched with the other
     * bookings waiting for the room, in a transaction of their own.
     */
    public List<Booking> book(BookingRequest r) {
        Asker asker = Asker.of(caller);
        if (QuarkusTransaction.isActive()) {
            return decide(new Locked(lockRoom(r.spaceId()), null), r, asker);
        }
        Context trace = Context.current(); // the events recorded carry this request's trace, whoever runs the batch
        return decisions.submit(r.spaceId(), locked -> {
            try (Scope ignored = trace.makeCurrent()) {
                return decide(locked, r, asker);
            }
        });
    }

    /** A slot is given in hours and minutes: "10:00:07.123" is a typo or a client's bug, not a time to hold a room. */
    private static void requireWholeMinutes(String field, java.time.LocalTime time) {
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw ApiException.invalid(field, "must be in hours and minutes, with no seconds (e.g. 10:30)");
        }
    }

    /**
     * What a slot must be for the asker to book it in the room (a new booking's first week, or a booking's new slot):
     * a known bookable room, a slot of whole minutes within one local day, not in the past and at most two years
     * ahead, at one of the asker's sites for a site's manager.
     */
    private static void requireSlot(Room room, LocalDate date, java.time.LocalTime start, java.time.LocalTime end, Asker asker) {
        if (room == null) {
            throw ApiException.invalid("spaceId", "is not a known space");
        }
        if (!room.bookable()) {
            throw ApiException.invalid("spaceId", "is not a bookable room");
        }
        if (!end.isAfter(start)) {
            throw ApiException.invalid("endTime", "must be after startTime on the same day (a slot cannot cross midnight)");
        }
        requireWholeMinutes("startTime", start);
        requireWholeMinutes("endTime", end);
        LocalDate last = LocalDate.now(SpaceService.LOCAL).plus(HORIZON);
        if (date.isAfter(last)) {
            throw ApiException.invalid("date", "is after " + last + ", the last day that can be booked today (two years ahead)");
        }
        if (asker.siteManager() && !asker.admin() && !asker.programmeManager() && !asker.sites().contains(room.siteCode())) {
            throw ApiException.forbidden("You do not manage site " + room.siteCode());
        }
        ZonedDateTime firstStart = date.atTime(start).atZone(SpaceService.LOCAL);
        if (firstStart.toInstant().isBefore(java.time.Instant.now())) {
            throw ApiException.invalid("date", "the slot is in the past");
        }
    }

    /** The room as locked for a transaction ({@code null}: no such space), and the batch its booking is decided in. */
    private record Locked(Room room, Batch batch) {
    }

    /**
     * What a batch of bookings of one room knows, the room locked: the slots it asked the database about (nothing
     * else books the room meanwhile, so the answer holds for the whole transaction; a cancellation, which takes no
     * lock, only frees a slot, and a refusal answered from before it is one that came first), and the bookings
     * it made, which wait for the commit to be written. Of 64 requests for one slot, one query answers them all.
     */
    private static final class Batch {
        private final Map<List<OffsetDateTime>, Boolean> takenBefore = new java.util.HashMap<>();
        private final List<Booking> booked = new ArrayList<>();

        boolean overlaps(Booking b, java.util.function.Predicate<Booking> inDatabase) {
            for (Booking other : booked) {
                if (other.startsAt.isBefore(b.endsAt) && b.startsAt.isBefore(other.endsAt)) {
                    return true;
                }
            }
            return takenBefore.computeIfAbsent(List.of(b.startsAt, b.endsAt), slot -> inDatabase.test(b));
        }
    }

    /**
     * One booking, the room locked. In a batch it refuses only before it writes anything: it asks whether the slot
     * is free (of the batch's own bookings and of the database's), and its rows and event are written with the
     * batch's. Alone, a single slot is left to the exclusion constraint, which refuses an overlap on insert (the same
     * index lookup) and spares that query; the transaction is undone with the refusal.
     */
    private List<Booking> decide(Locked locked, BookingRequest r, Asker asker) {
        Room room = locked.room();
        requireSlot(room, r.date(), r.startTime(), r.endTime(), asker);
        Booking.HeldFor heldFor = r.heldFor() == null ? Booking.HeldFor.BOOKER : r.heldFor();
        if (heldFor == Booking.HeldFor.PROGRAMMES && !asker.admin() && !asker.programmeManager()) {
            throw ApiException.forbidden("Only a programme manager or an admin books a room for the programme team");
        }
        int weeks = r.weeks() == null ? 1 : r.weeks();
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
            b.bookedBy = asker.subject();
            b.heldFor = heldFor;
            b.startsAt = day.atTime(r.startTime()).atZone(SpaceService.LOCAL).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            b.endsAt = day.atTime(r.endTime()).atZone(SpaceService.LOCAL).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            b.status = Booking.Status.CONFIRMED;
            b.seriesId = series;
            b.createdAt = SpaceService.now();
            if (locked.batch() != null ? locked.batch().overlaps(b, this::overlaps) : weeks > 1 && overlaps(b)) {
                clashes.add(day); // a series names every week that clashes
            }
            made.add(b);
        }
        if (!clashes.isEmpty()) {
            throw taken(room, clashes);
        }
        if (locked.batch() != null) {
            made.forEach(em::persist);
            locked.batch().booked.addAll(made);
            made.forEach(b -> writes.record("sites.booking.confirmed", b.id, payload(room.siteCode(), b)));
            return made;
        }
        try {
            for (Booking b : made) {
                em.persist(b);
            }
            em.flush();
        } catch (PersistenceException e) {
            if (isOverlap(e)) { // a single slot alone: the constraint's refusal (in a batch, not expected)
                throw new SlotTakenOnInsert(room, List.of(r.date()));
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
        requireCanceller(b, site);
        if (b.status == Booking.Status.CANCELLED) {
            throw ApiException.conflict("illegal-transition", "Booking " + id + " is already cancelled");
        }
        markCancelled(b, site);
        em.flush();
        return b;
    }

    /**
     * Moves a booking to another slot, in its room or another bookable one: whoever may cancel it may move it, and
     * the new slot follows a new booking's rules. One update under the target room's lock, so the booking never
     * holds two slots or none: its own old slot does not stand in the way (a session put back an hour keeps its
     * room), another booking's does (409 {@code slot-taken}, nothing changed). A week of a series moves alone. The
     * same slot again changes nothing and publishes nothing; otherwise {@code sites.booking.moved} carries the new
     * slot and the previous one.
     */
    @Transactional
    public Booking move(UUID id, BookingMoveRequest r) {
        Booking found = get(id);
        UUID target = r.spaceId() == null ? found.spaceId : r.spaceId();
        Room room = lockRoom(target); // the room first, as every booking decision takes it: no deadlock between them
        Booking b = em.find(Booking.class, id, LockModeType.PESSIMISTIC_WRITE);
        Site site = Site.findById(b.siteId);
        requireCanceller(b, site);
        if (b.status == Booking.Status.CANCELLED) {
            throw ApiException.conflict("illegal-transition", "Booking " + id + " is cancelled; it can no longer be moved");
        }
        if (!b.startsAt.isAfter(SpaceService.now())) {
            throw ApiException.conflict("booking-started", "Booking " + id + " has started; it can no longer be moved");
        }
        requireSlot(room, r.date(), r.startTime(), r.endTime(), Asker.of(caller));
        OffsetDateTime startsAt = r.date().atTime(r.startTime()).atZone(SpaceService.LOCAL).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime endsAt = r.date().atTime(r.endTime()).atZone(SpaceService.LOCAL).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        if (room.id().equals(b.spaceId) && startsAt.isEqual(b.startsAt) && endsAt.isEqual(b.endsAt)) {
            return b;
        }
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("previousSpaceId", b.spaceId);
        data.put("previousStartsAt", b.startsAt.toString());
        data.put("previousEndsAt", b.endsAt.toString());
        b.spaceId = room.id();
        b.siteId = room.siteId();
        b.startsAt = startsAt;
        b.endsAt = endsAt;
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (isOverlap(e)) {
                throw new SlotTaken(room, List.of(r.date()));
            }
            throw e;
        }
        data.putAll(payload(room.siteCode(), b));
        events.record("sites.booking.moved", b.id, data);
        return b;
    }

    /**
     * Cancels what is left of a weekly series: every week not cancelled yet whose slot has not started. The weeks
     * held stay as they were. All or nothing, like the series' booking: a week cancelled meanwhile by another
     * request makes this one a 409 to retry, with nothing cancelled.
     */
    @Transactional
    public List<Booking> cancelSeries(UUID seriesId) {
        List<Booking> series = Booking.list("seriesId", Sort.by("startsAt"), seriesId);
        if (series.isEmpty()) {
            throw ApiException.notFound("booking series", seriesId);
        }
        Site site = Site.findById(series.get(0).siteId);
        requireCanceller(series.get(0), site);
        OffsetDateTime now = SpaceService.now();
        List<Booking> ahead = series.stream()
                .filter(b -> b.status != Booking.Status.CANCELLED && b.startsAt.isAfter(now)).toList();
        if (ahead.isEmpty()) {
            throw ApiException.conflict("illegal-transition", "Series " + seriesId + " has no booking ahead left to cancel");
        }
        ahead.forEach(b -> markCancelled(b, site));
        em.flush();
        return ahead;
    }

    private void requireCanceller(Booking b, Site site) {
        boolean allowed = caller.admin() || caller.subject().equals(b.bookedBy)
                || (caller.is(Roles.SITE_MANAGER) && caller.sites().contains(site.code))
                || (b.heldFor == Booking.HeldFor.PROGRAMMES && caller.is(Roles.PROGRAMME_MANAGER));
        if (!allowed) {
            throw ApiException.forbidden(b.heldFor == Booking.HeldFor.PROGRAMMES
                    ? "Only a programme manager, the site's manager or an admin cancels a booking held for the programme team"
                    : "Only the booker, the site's manager or an admin cancels a booking");
        }
    }

    private void markCancelled(Booking b, Site site) {
        b.status = Booking.Status.CANCELLED;
        b.cancelledAt = SpaceService.now();
        events.record("sites.booking.cancelled", b.id, payload(site.code, b));
    }

    /**
     * The room, locked until the transaction ends: bookings of one room are decided one after the other. Without
     * it, concurrent requests for the same slot each inserted their row and then waited for the others' to commit
     * or abort (that is how an exclusion constraint checks), so two of them could wait for each other: PostgreSQL
     * broke such deadlocks after a second by failing a request with an error (the bench saw a race of 64 requests
     * end with no booking at all, 500s and 503s). Locked, the next request finds the slot taken at once. The lock is
     * {@code FOR NO KEY UPDATE}: it does not stop allocations and bookings from referencing the room meanwhile.
     * The same query reads the site's code (the manager's check and the event need it), which used to take a second
     * query under the lock (JFR: 11% of sites-service's samples while booking; bench/FINDINGS.md).
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
     * every clashing date, and in a batch for a single slot too (once per slot and batch, {@link Batch}), since there a
     * refusal must come before any write (an insert the exclusion constraint refuses ends the whole transaction). A single slot alone is left to the
     * constraint, which saves this query. Asked on {@code period}, so that the exclusion constraint's
     * GiST index finds the overlapping rows themselves: asked on {@code starts_at} and {@code ends_at}, the index
     * served the room only and every booking the room ever had was read and filtered (0.46 ms of PostgreSQL's CPU
     * at 450 bookings a room, against 0.04 ms; bench/FINDINGS.md). A plain query with a row limit rather than
     * Panache's count(), which Hibernate re-translated on every call.
     */
    private boolean overlaps(Booking b) {
        return !em.createNativeQuery("SELECT 1 FROM booking WHERE space_id = ?1 AND status = 'CONFIRMED'"
                        + " AND period && tstzrange(CAST(?2 AS timestamptz), CAST(?3 AS timestamptz), '[)') LIMIT 1")
                .setParameter(1, b.spaceId).setParameter(2, b.startsAt).setParameter(3, b.endsAt)
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT) // a batch's bookings wait: it counts them itself
                .getResultList().isEmpty();
    }

    private static ApiException taken(Room room, List<LocalDate> days) {
        return new SlotTaken(room, days);
    }

    /** The 409 of a taken slot. */
    private static class SlotTaken extends ApiException {
        SlotTaken(Room room, List<LocalDate> days) {
            super(409, "slot-taken", "Conflict", "Room " + room.name() + " is already booked at this time on " + days
                    + "; nothing was booked", List.of(new ma.technopark.platform.problem.Problem.FieldError("startTime",
                    "the room is taken on " + days)));
        }
    }

    /**
     * The same 409 when the exclusion constraint refused the insert: a write failed, which ends the transaction, so
     * it is no refusal a batch can go on after (the batch is undone and each booking decided again alone).
     */
    private static final class SlotTakenOnInsert extends SlotTaken {
        SlotTakenOnInsert(Room room, List<LocalDate> days) {
            super(room, days);
        }
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
        return Map.ofEntries(Map.entry("bookingId", b.id), Map.entry("siteId", b.siteId), Map.entry("siteCode", siteCode),
                Map.entry("spaceId", b.spaceId), Map.entry("title", b.title), Map.entry("startsAt", b.startsAt.toString()),
                Map.entry("endsAt", b.endsAt.toString()), Map.entry("status", b.status.name()),
                Map.entry("seriesId", b.seriesId == null ? "" : b.seriesId.toString()), Map.entry("bookedBy", b.bookedBy),
                Map.entry("heldFor", b.heldFor.name()));
    }
}
