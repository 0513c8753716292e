package ma.technopark.programs.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.programs.Cohort;
import ma.technopark.programs.Enrolment;
import ma.technopark.programs.Session;
import ma.technopark.programs.client.RoomBookings;
import ma.technopark.programs.client.SitesClient;
import ma.technopark.programs.rest.SessionRecords;

/**
 * Sessions of a cohort. The room is booked in sites-service first; only then is the session recorded. If
 * sites-service refuses or is down, nothing is created; if recording fails after the booking, the booking is
 * cancelled again, so nothing is left half-created on either side.
 */
@ApplicationScoped
public class SessionService {
    private static final ZoneId LOCAL = ZoneId.of("Africa/Casablanca");

    private final ProgrammeService programmes;
    private final RoomBookings rooms;
    private final DomainEvents events;
    private final EntityManager em;

    public SessionService(ProgrammeService programmes, RoomBookings rooms, DomainEvents events, EntityManager em) {
        this.programmes = programmes;
        this.rooms = rooms;
        this.events = events;
        this.em = em;
    }

    public Session get(UUID id) {
        Session s = Session.findById(id);
        if (s == null) {
            throw ApiException.notFound("session", id);
        }
        return s;
    }

    public List<Session> list(UUID cohortId) {
        programmes.cohort(cohortId);
        return Session.list("cohortId", Sort.by("startsAt"), cohortId);
    }

    public Session schedule(SessionRecords.SessionRequest r, String authorization) {
        Cohort cohort = programmes.cohort(r.cohortId());
        if (cohort.status == Cohort.Status.CLOSED || cohort.status == Cohort.Status.DRAFT) {
            throw ApiException.conflict("cohort-not-active", "Cohort " + cohort.name + " is " + cohort.status);
        }
        if (!r.endTime().isAfter(r.startTime())) {
            throw ApiException.invalid("endTime", "must be after startTime on the same day");
        }
        for (var time : java.util.Map.of("startTime", r.startTime(), "endTime", r.endTime()).entrySet()) {
            if (time.getValue().getSecond() != 0 || time.getValue().getNano() != 0) { // sites-service books whole minutes
                throw ApiException.invalid(time.getKey(), "must be in hours and minutes, with no seconds (e.g. 10:30)");
            }
        }
        if (r.date().isBefore(cohort.startDate) || !r.date().isBefore(cohort.endDate)) {
            throw ApiException.invalid("date", "must fall within the cohort, " + cohort.startDate + " to " + cohort.endDate);
        }
        SitesClient.Booking booking = rooms.book(authorization, r.spaceId(), cohort.name + " — " + r.title(), r.date(),
                r.startTime(), r.endTime());
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
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
                events.record("programs.session.scheduled", s.id, Map.of("sessionId", s.id, "cohortId", cohort.id,
                        "title", s.title, "kind", s.kind, "siteCode", cohort.siteCode, "spaceId", s.spaceId,
                        "bookingId", s.bookingId, "startsAt", s.startsAt.toString(), "endsAt", s.endsAt.toString()));
                return s;
            });
        } catch (RuntimeException e) {
            rooms.cancel(authorization, booking.id());
            throw e;
        }
    }

    @Transactional
    public SessionRecords.AttendanceView attend(UUID sessionId, SessionRecords.AttendanceRequest r) {
        Session s = get(sessionId);
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
