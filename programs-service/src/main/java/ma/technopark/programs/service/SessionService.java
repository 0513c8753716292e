package ma.technopark.programs.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.replica.KnownSite;
import ma.technopark.platform.security.Caller;
import ma.technopark.programs.Cohort;
import ma.technopark.programs.Enrolment;
import ma.technopark.programs.Session;
import ma.technopark.programs.client.RoomBookings;
import ma.technopark.programs.client.SitesClient;
import ma.technopark.programs.rest.SessionRecords;
import org.jboss.logging.Logger;

/**
 * Sessions of a cohort. The room is booked in sites-service first; only then is the session recorded. If
 * sites-service refuses or is down, nothing is created; if recording fails after the booking, the booking is
 * cancelled again, so nothing is left half-created on either side. A session is cancelled the same way round: its
 * booking first, then the session; and a booking cancelled in sites-service (a room closed for works) cancels its
 * session when the event arrives.
 */
@ApplicationScoped
public class SessionService {
    private static final ZoneId LOCAL = ZoneId.of("Africa/Casablanca");
    private static final Logger LOG = Logger.getLogger(SessionService.class);
    /** Who cancelled a session whose booking sites-service cancelled. */
    static final String SITES_SERVICE = "sites-service";

    private final ProgrammeService programmes;
    private final RoomBookings rooms;
    private final DomainEvents events;
    private final EntityManager em;
    private final Caller caller;

    public SessionService(ProgrammeService programmes, RoomBookings rooms, DomainEvents events, EntityManager em, Caller caller) {
        this.programmes = programmes;
        this.rooms = rooms;
        this.events = events;
        this.em = em;
        this.caller = caller;
    }

    public Session get(UUID id) {
        Session s = Session.findById(id);
        if (s == null) {
            throw ApiException.notFound("session", id);
        }
        return s;
    }

    /** The session, locked until the transaction ends (a move or a cancellation, and the booking's events, wait). */
    private Session lock(UUID id) {
        Session s = em.find(Session.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw ApiException.notFound("session", id);
        }
        return s;
    }

    public List<Session> list(UUID cohortId, Session.Status status) {
        programmes.cohort(cohortId);
        return status == null ? Session.list("cohortId", Sort.by("startsAt").and("id"), cohortId)
                : Session.list("cohortId = ?1 and status = ?2", Sort.by("startsAt").and("id"), cohortId, status);
    }

    public Session schedule(SessionRecords.SessionRequest r, String authorization) {
        Cohort cohort = programmes.cohort(r.cohortId());
        // checked before the room is booked, and again under the cohort's lock when the session is recorded
        if (cohort.status == Cohort.Status.CLOSED || cohort.status == Cohort.Status.DRAFT) {
            throw ApiException.conflict("cohort-not-active", "Cohort " + cohort.name + " is " + cohort.status);
        }
        requireSlot(cohort, r.date(), r.startTime(), r.endTime());
        rooms.requireRoomAt(siteIdOf(cohort), cohort.siteCode, r.spaceId(), false);
        SitesClient.Booking booking = rooms.book(authorization, r.spaceId(), cohort.name + " — " + r.title(), r.date(),
                r.startTime(), r.endTime());
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                // the cohort may have closed while sites-service booked the room: its closure and this recording
                // take the cohort's lock, so one of them sees the other (a closed cohort gets no session, and the
                // booking is cancelled below; a session recorded first stops the closure)
                Cohort locked = programmes.lockCohort(cohort.id);
                if (locked.status == Cohort.Status.CLOSED) {
                    throw ApiException.conflict("cohort-not-active", "Cohort " + locked.name + " is " + locked.status);
                }
                Session s = new Session();
                s.id = Ids.newId();
                s.cohortId = cohort.id;
                s.title = r.title();
                s.kind = r.kind();
                s.spaceId = r.spaceId();
                s.bookingId = booking.id();
                s.startsAt = r.date().atTime(r.startTime()).atZone(LOCAL).toOffsetDateTime();
                s.endsAt = r.date().atTime(r.endTime()).atZone(LOCAL).toOffsetDateTime();
                s.createdAt = ProgrammeService.now();
                s.persist();
                events.record("programs.session.scheduled", s.id, payload(s, cohort.siteCode));
                return s;
            });
        } catch (RuntimeException e) {
            rooms.cancel(authorization, booking.id());
            throw e;
        }
    }

    /** The id of the cohort's site, from this service's copy of the sites (a cohort's site code was checked against it). */
    private static UUID siteIdOf(Cohort cohort) {
        return KnownSite.<KnownSite>find("code", cohort.siteCode).firstResultOptional().map(k -> k.id)
                .orElseThrow(() -> new IllegalStateException("cohort " + cohort.id + " meets at unknown site " + cohort.siteCode));
    }

    /** A slot of whole minutes within one day of the cohort (sites-service checks the rest: the past, the room). */
    private static void requireSlot(Cohort cohort, LocalDate date, LocalTime start, LocalTime end) {
        if (!end.isAfter(start)) {
            throw ApiException.invalid("endTime", "must be after startTime on the same day");
        }
        for (var time : Map.of("startTime", start, "endTime", end).entrySet()) {
            if (time.getValue().getSecond() != 0 || time.getValue().getNano() != 0) { // sites-service books whole minutes
                throw ApiException.invalid(time.getKey(), "must be in hours and minutes, with no seconds (e.g. 10:30)");
            }
        }
        if (date.isBefore(cohort.startDate) || !date.isBefore(cohort.endDate)) {
            throw ApiException.invalid("date", "must fall within the cohort, " + cohort.startDate + " to " + cohort.endDate);
        }
    }

    /**
     * Moves a session that has not started to another slot (or training room) of its cohort: its booking is moved in
     * sites-service with the caller's token, in one step there (the session's own old slot is no obstacle), then the
     * session. The session's row stays locked meanwhile, as for a cancellation. A refusal or sites-service unreachable
     * changes nothing. Should the session's update fail after sites-service moved the booking, the booking's own
     * event ({@code sites.booking.moved}) brings the session to its booking's slot when it arrives.
     */
    @Transactional
    public Session move(UUID id, SessionRecords.SessionMoveRequest r, String authorization) {
        Session s = lock(id);
        if (s.status == Session.Status.CANCELLED) {
            throw ApiException.conflict("session-cancelled", "This session is cancelled");
        }
        if (!s.startsAt.isAfter(ProgrammeService.now())) {
            throw ApiException.conflict("session-started", "This session has started; it can no longer be moved");
        }
        Cohort cohort = programmes.cohort(s.cohortId);
        if (cohort.status == Cohort.Status.CLOSED) {
            throw ApiException.conflict("cohort-not-active", "Cohort " + cohort.name + " is " + cohort.status);
        }
        requireSlot(cohort, r.date(), r.startTime(), r.endTime());
        if (r.spaceId() != null && !r.spaceId().equals(s.spaceId)) {
            rooms.requireRoomAt(siteIdOf(cohort), cohort.siteCode, r.spaceId(), true);
        }
        SitesClient.Booking booking = rooms.move(authorization, s.bookingId, r.spaceId(), r.date(), r.startTime(), r.endTime());
        moveTo(s, booking.spaceId(), booking.startsAt(), booking.endsAt(), caller.subject());
        return s;
    }

    /**
     * sites-service moved a booking (its manager, or this service's own move): the session held in it follows, unless
     * it is cancelled or already there. Runs in the inbox's transaction.
     */
    public void bookingMoved(UUID bookingId, UUID spaceId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        Session s = Session.<Session>find("bookingId", bookingId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (s == null || s.status == Session.Status.CANCELLED) {
            return;
        }
        moveTo(s, spaceId, startsAt, endsAt, SITES_SERVICE);
    }

    /** The session at its booking's slot; a move that changes something publishes {@code programs.session.moved}. */
    private void moveTo(Session s, UUID spaceId, OffsetDateTime startsAt, OffsetDateTime endsAt, String by) {
        if (s.spaceId.equals(spaceId) && s.startsAt.isEqual(startsAt) && s.endsAt.isEqual(endsAt)) {
            return;
        }
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("previousSpaceId", s.spaceId);
        data.put("previousStartsAt", s.startsAt.toString());
        data.put("previousEndsAt", s.endsAt.toString());
        s.spaceId = spaceId;
        s.startsAt = startsAt.atZoneSameInstant(LOCAL).toOffsetDateTime();
        s.endsAt = endsAt.atZoneSameInstant(LOCAL).toOffsetDateTime();
        data.putAll(payload(s, Cohort.<Cohort>findById(s.cohortId).siteCode));
        data.put("movedBy", by);
        events.record("programs.session.moved", s.id, data);
    }

    /**
     * Cancels a session that has not started, and its room booking in sites-service with the caller's token (so
     * sites-service's own rule applies; the booking is held for the programme team, so every programme manager and
     * admin, who may cancel the session, may cancel it too, not only the one who scheduled it). The session's row
     * stays locked meanwhile, so concurrent cancellations and the booking's own event come one after the other:
     * one cancellation succeeds, the others find it cancelled. sites-service unreachable is a 503 that changes
     * nothing; a booking it already cancelled is no obstacle.
     */
    @Transactional
    public Session cancel(UUID id, String authorization) {
        Session s = lock(id);
        if (s.status == Session.Status.CANCELLED) {
            throw ApiException.conflict("illegal-transition", "A session cannot go from CANCELLED to CANCELLED");
        }
        if (!s.startsAt.isAfter(ProgrammeService.now())) {
            throw ApiException.conflict("session-started", "This session has started; it can no longer be cancelled");
        }
        rooms.release(authorization, s.bookingId);
        markCancelled(s, caller.subject());
        return s;
    }

    /**
     * sites-service cancelled a booking: the session held in it, if any, is cancelled too, unless it has already
     * started (it took place, or is taking place, and keeps its attendance). Runs in the inbox's transaction.
     */
    public void bookingCancelled(UUID bookingId) {
        Session s = Session.<Session>find("bookingId", bookingId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (s == null || s.status == Session.Status.CANCELLED) {
            return;
        }
        if (!s.startsAt.isAfter(ProgrammeService.now())) {
            LOG.warnf("sites-service cancelled booking %s of session %s, which has started; the session is kept", bookingId, s.id);
            return;
        }
        markCancelled(s, SITES_SERVICE);
    }

    private void markCancelled(Session s, String by) {
        s.status = Session.Status.CANCELLED;
        s.cancelledAt = ProgrammeService.now();
        s.cancelledBy = by;
        Cohort cohort = Cohort.findById(s.cohortId);
        Map<String, Object> data = new java.util.HashMap<>(payload(s, cohort.siteCode));
        data.put("cancelledBy", by);
        events.record("programs.session.cancelled", s.id, data);
    }

    private static Map<String, Object> payload(Session s, String siteCode) {
        return Map.of("sessionId", s.id, "cohortId", s.cohortId, "title", s.title, "kind", s.kind, "siteCode", siteCode,
                "spaceId", s.spaceId, "bookingId", s.bookingId, "startsAt", s.startsAt.toString(), "endsAt", s.endsAt.toString());
    }

    @Transactional
    public SessionRecords.AttendanceView attend(UUID sessionId, SessionRecords.AttendanceRequest r) {
        Session s = get(sessionId);
        if (s.status == Session.Status.CANCELLED) {
            throw ApiException.conflict("session-cancelled", "This session is cancelled");
        }
        if (Enrolment.count("cohortId = ?1 and startupId = ?2 and status in ?3", s.cohortId, r.startupId(),
                Enrolment.Status.PLACED) == 0) {
            throw ApiException.invalid("startupId", "is not enrolled in this session's cohort");
        }
        var now = ProgrammeService.now();
        em.createNativeQuery("INSERT INTO attendance (session_id, startup_id, present, recorded_at) VALUES (?1, ?2, ?3, ?4)"
                        + " ON CONFLICT (session_id, startup_id) DO UPDATE SET present = EXCLUDED.present, recorded_at = EXCLUDED.recorded_at")
                .setParameter(1, sessionId).setParameter(2, r.startupId()).setParameter(3, r.present()).setParameter(4, now)
                .executeUpdate();
        return new SessionRecords.AttendanceView(sessionId, r.startupId(), r.present(), now);
    }

    @SuppressWarnings("unchecked")
    public List<SessionRecords.AttendanceView> attendance(UUID sessionId) {
        get(sessionId);
        List<Object[]> rows = em.createNativeQuery("SELECT startup_id, present, recorded_at FROM attendance WHERE session_id = ?1 ORDER BY recorded_at")
                .setParameter(1, sessionId).getResultList();
        return rows.stream().map(r -> new SessionRecords.AttendanceView(sessionId, (UUID) r[0], (Boolean) r[1],
                r[2] instanceof java.time.OffsetDateTime t ? t : ((java.time.Instant) r[2]).atOffset(java.time.ZoneOffset.UTC))).toList();
    }
}
