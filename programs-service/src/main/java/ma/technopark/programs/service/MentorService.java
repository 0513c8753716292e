package ma.technopark.programs.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.persistence.UniqueViolation;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.problem.Problem;
import ma.technopark.platform.query.PageQuery;
import ma.technopark.platform.security.Caller;
import ma.technopark.programs.Mentor;
import ma.technopark.programs.OfficeHour;
import ma.technopark.programs.rest.SessionRecords;

/**
 * Mentors and their office hours. A reservation is one conditional update ({@code ... WHERE status = 'OPEN'}),
 * so two startups can never hold the same slot, whatever the concurrency.
 */
@ApplicationScoped
public class MentorService {
    private final ProgrammeService programmes;
    private final Caller caller;

    public MentorService(ProgrammeService programmes, Caller caller) {
        this.programmes = programmes;
        this.caller = caller;
    }

    /** Mentors by name; each filter, when given, keeps those with that expertise, language or site. */
    public List<Mentor> mentors(String expertise, String language, String siteCode) {
        return new PageQuery().where("array_position(expertise, :expertise) > 0", "expertise", expertise)
                .where("array_position(languages, :language) > 0", "language", language)
                .where("array_position(siteCodes, :site) > 0", "site", siteCode)
                .list((query, sort, params) -> Mentor.list(query, sort, params), Sort.by("name").and("id"));
    }

    public Mentor mentor(UUID id) {
        Mentor m = Mentor.findById(id);
        if (m == null) {
            throw ApiException.notFound("mentor", id);
        }
        return m;
    }

    @Transactional
    public Mentor create(SessionRecords.MentorRequest r) {
        Mentor m = new Mentor();
        m.id = Ids.newId();
        apply(m, r);
        m.createdAt = ProgrammeService.now();
        m.persist();
        flushEmail(r.email());
        return m;
    }

    /** Replaces a mentor's profile; the office hours stay the mentor's. */
    @Transactional
    public Mentor update(UUID id, long expectedVersion, SessionRecords.MentorRequest r) {
        Mentor m = mentor(id);
        Preconditions.check(expectedVersion, m.version);
        apply(m, r);
        flushEmail(r.email());
        return m;
    }

    /** Writes the mentor now: an e-mail, whatever its case, is one mentor's; the database's unique index decides. */
    private static void flushEmail(String email) {
        UniqueViolation.flush(() -> new ApiException(409, "mentor-exists", "Conflict",
                "A mentor with e-mail " + email + " exists", List.of(new Problem.FieldError("email", "is already registered"))),
                "mentor_email_ci_key", "mentor_email_key");
    }

    private static void apply(Mentor m, SessionRecords.MentorRequest r) {
        m.name = r.name();
        m.email = r.email();
        m.expertise = r.expertise().stream().sorted().toArray(String[]::new);
        m.languages = r.languages().stream().sorted().toArray(String[]::new);
        m.siteCodes = r.siteCodes() == null ? new String[0] : r.siteCodes().stream().sorted().toArray(String[]::new);
    }

    public List<OfficeHour> officeHours(UUID mentorId) {
        mentor(mentorId);
        return OfficeHour.list("mentorId", Sort.by("startsAt"), mentorId);
    }

    @Transactional
    public OfficeHour open(UUID mentorId, SessionRecords.OfficeHourRequest r) {
        mentor(mentorId);
        if (!r.endsAt().isAfter(r.startsAt())) {
            throw ApiException.invalid("endsAt", "must be after startsAt");
        }
        OfficeHour o = new OfficeHour();
        o.id = Ids.newId();
        o.mentorId = mentorId;
        o.startsAt = r.startsAt();
        o.endsAt = r.endsAt();
        o.status = OfficeHour.Status.OPEN;
        o.persist();
        return o;
    }

    @Transactional
    public OfficeHour reserve(UUID id, UUID startupId) {
        if (!programmes.staff() && !caller.startupId().map(startupId.toString()::equals).orElse(false)) {
            throw ApiException.forbidden("A startup reserves only for itself");
        }
        int taken = OfficeHour.update("status = ?1, startupId = ?2, version = version + 1 where id = ?3 and status = ?4"
                + " and startsAt > ?5", OfficeHour.Status.RESERVED, startupId, id, OfficeHour.Status.OPEN,
                ProgrammeService.now());
        if (taken == 0) {
            OfficeHour o = OfficeHour.findById(id);
            if (o == null) {
                throw ApiException.notFound("office hour", id);
            }
            if (o.status == OfficeHour.Status.OPEN) {
                throw ApiException.conflict("office-hour-started", "This office hour has started");
            }
            throw ApiException.conflict("slot-taken", "This office hour is no longer open");
        }
        OfficeHour.getEntityManager().clear();
        return OfficeHour.findById(id);
    }

    /**
     * The startup gives up its reservation (or staff give it up for it) until the office hour starts: reserved →
     * open, for another startup to take.
     */
    @Transactional
    public OfficeHour release(UUID id) {
        OfficeHour o = OfficeHour.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (o == null) {
            throw ApiException.notFound("office hour", id);
        }
        if (!programmes.staff() && (o.startupId == null
                || !caller.startupId().map(o.startupId.toString()::equals).orElse(false))) {
            throw ApiException.forbidden("Only the startup holding the reservation gives it up");
        }
        if (o.status != OfficeHour.Status.RESERVED) {
            throw ApiException.conflict("illegal-transition", "An office hour cannot go from " + o.status + " to OPEN");
        }
        if (!o.startsAt.isAfter(ProgrammeService.now())) {
            throw ApiException.conflict("office-hour-started", "This office hour has started");
        }
        o.status = OfficeHour.Status.OPEN;
        o.startupId = null;
        return o;
    }

    @Transactional
    public OfficeHour close(UUID id, OfficeHour.Status outcome) {
        OfficeHour o = OfficeHour.findById(id);
        if (o == null) {
            throw ApiException.notFound("office hour", id);
        }
        boolean allowed = outcome == OfficeHour.Status.CANCELLED
                ? o.status == OfficeHour.Status.OPEN || o.status == OfficeHour.Status.RESERVED
                : o.status == OfficeHour.Status.RESERVED;
        if (!allowed) {
            throw ApiException.conflict("illegal-transition", "An office hour cannot go from " + o.status + " to " + outcome);
        }
        o.status = outcome;
        return o;
    }
}
