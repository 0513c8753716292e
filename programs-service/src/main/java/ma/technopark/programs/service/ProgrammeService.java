package ma.technopark.programs.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.persistence.UniqueViolation;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.problem.Problem;
import ma.technopark.platform.query.PageQuery;
import ma.technopark.platform.replica.SiteReplica;
import ma.technopark.platform.security.Caller;
import ma.technopark.programs.Cohort;
import ma.technopark.programs.Convention;
import ma.technopark.programs.Programme;
import ma.technopark.programs.Session;
import ma.technopark.programs.rest.ProgrammeRecords;

/** Programmes (draft → published → closed) and their cohorts (draft → open → running → closed). */
@ApplicationScoped
public class ProgrammeService {
    private final DomainEvents events;
    private final Caller caller;
    private final SiteReplica sites;

    public ProgrammeService(DomainEvents events, Caller caller, SiteReplica sites) {
        this.events = events;
        this.caller = caller;
        this.sites = sites;
    }

    /** Published programmes are public; drafts and closed ones are for staff. */
    public Programme get(UUID id) {
        Programme p = Programme.findById(id);
        if (p == null || (p.status != Programme.Status.PUBLISHED && !staff())) {
            throw ApiException.notFound("programme", id);
        }
        return p;
    }

    public List<Programme> list(Programme.Status status, Programme.Kind kind) {
        Programme.Status shown = staff() ? status : Programme.Status.PUBLISHED;
        if (!staff() && status != null && status != Programme.Status.PUBLISHED) {
            return List.of();
        }
        return new PageQuery().where("status", shown).where("kind", kind)
                .list((query, sort, params) -> Programme.list(query, sort, params), Sort.by("code"));
    }

    @Transactional
    public Programme create(ProgrammeRecords.ProgrammeRequest r) {
        Programme p = new Programme();
        p.id = Ids.newId();
        p.code = r.code();
        apply(p, r);
        p.status = Programme.Status.DRAFT;
        p.createdAt = now();
        p.updatedAt = p.createdAt;
        p.persist();
        // a code is one programme's: the database's unique constraint decides (no query before the write)
        UniqueViolation.flush(() -> new ApiException(409, "programme-code-taken", "Conflict",
                "A programme with code " + r.code() + " exists", List.of(new Problem.FieldError("code", "is already taken"))),
                "programme_code_key");
        return p;
    }

    /**
     * Replaces a programme's details (not its code) until it closes. Its sites keep those of its cohorts that are
     * not closed. A published programme's change is public, and published as {@code programs.programme.updated}.
     */
    @Transactional
    public Programme update(UUID id, long expectedVersion, ProgrammeRecords.ProgrammeRequest r) {
        Programme p = get(id);
        Preconditions.check(expectedVersion, p.version);
        if (!p.code.equals(r.code())) {
            throw ApiException.invalid("code", "cannot be changed");
        }
        if (p.status == Programme.Status.CLOSED) {
            throw ApiException.conflict("programme-closed", "Programme " + p.code + " is closed");
        }
        if (r.siteCodes() != null && !r.siteCodes().isEmpty()) { // no site listed: delivered anywhere
            List<String> running = Cohort.find("select distinct c.siteCode from Cohort c where c.programmeId = ?1 and c.status <> ?2",
                    Sort.by("c.siteCode"), p.id, Cohort.Status.CLOSED).project(String.class).list();
            List<String> dropped = running.stream().filter(site -> !r.siteCodes().contains(site)).toList();
            if (!dropped.isEmpty()) {
                throw new ApiException(409, "programme-has-cohorts", "Conflict", "Programme " + p.code + " has cohorts that are not"
                        + " closed at " + String.join(", ", dropped) + "; it stays delivered there",
                        List.of(new Problem.FieldError("siteCodes", "must keep " + String.join(", ", dropped))));
            }
        }
        apply(p, r);
        p.updatedAt = now();
        p.flush();
        if (p.status == Programme.Status.PUBLISHED) {
            events.record("programs.programme.updated", p.id, payload(p));
        }
        return p;
    }

    /** Everything of the request but the code, once its sites and conventions are checked. */
    private void apply(Programme p, ProgrammeRecords.ProgrammeRequest r) {
        for (String site : r.siteCodes() == null ? Set.<String>of() : r.siteCodes()) {
            if (!sites.known(site)) {
                throw ApiException.invalid("siteCodes", "has " + site + ", which is not a site of the network");
            }
        }
        Set<UUID> funding = r.fundingConventionIds() == null ? Set.of() : r.fundingConventionIds();
        for (UUID convention : funding) {
            if (Convention.findById(convention) == null) {
                throw ApiException.invalid("fundingConventionIds", "has an unknown convention " + convention);
            }
        }
        p.nameFr = r.name().fr();
        p.nameAr = r.name().ar();
        p.nameEn = r.name().en();
        p.descriptionFr = r.description() == null ? null : r.description().fr();
        p.descriptionAr = r.description() == null ? null : r.description().ar();
        p.descriptionEn = r.description() == null ? null : r.description().en();
        p.kind = r.kind();
        p.durationMonths = r.durationMonths();
        p.eligibleStages = r.eligibleStages().stream().map(Enum::name).sorted().toArray(String[]::new);
        p.siteCodes = r.siteCodes() == null ? new String[0] : r.siteCodes().stream().sorted().toArray(String[]::new);
        p.conventionIds = new java.util.HashSet<>(funding);
    }

    private static Map<String, Object> payload(Programme p) {
        return Map.of("programmeId", p.id, "code", p.code, "name", p.nameFr, "kind", p.kind.name(),
                "eligibleStages", List.of(p.eligibleStages), "siteCodes", List.of(p.siteCodes),
                "fundingConventionIds", List.copyOf(p.conventionIds));
    }

    @Transactional
    public Programme publish(UUID id) {
        Programme p = move(id, Programme.Status.DRAFT, Programme.Status.PUBLISHED);
        events.record("programs.programme.published", p.id, payload(p));
        return p;
    }

    @Transactional
    public Programme close(UUID id) {
        return move(id, Programme.Status.PUBLISHED, Programme.Status.CLOSED);
    }

    private Programme move(UUID id, Programme.Status from, Programme.Status to) {
        Programme p = get(id);
        if (p.status != from) {
            throw ApiException.conflict("illegal-transition", "A programme goes from " + from + " to " + to + "; this one is " + p.status);
        }
        p.status = to;
        p.updatedAt = now();
        p.flush();
        return p;
    }

    public Cohort cohort(UUID id) {
        Cohort c = Cohort.findById(id);
        if (c == null) {
            throw ApiException.notFound("cohort", id);
        }
        get(c.programmeId); // a cohort of an unpublished programme is hidden like its programme
        return c;
    }

    /** The cohort, locked for this transaction: enrolment decisions on a cohort are taken one at a time. */
    public Cohort lockCohort(UUID id) {
        return lockCohort(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The cohort, locked for an enrolment decision, which changes the places its view shows: its version moves with
     * it (committed or rolled back with the decision), so the cohort's ETag changes when its places do.
     */
    public Cohort lockCohortForPlaces(UUID id) {
        return lockCohort(id, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    }

    private Cohort lockCohort(UUID id, LockModeType mode) {
        Cohort c = Cohort.getEntityManager().find(Cohort.class, id, mode);
        if (c == null) {
            throw ApiException.notFound("cohort", id);
        }
        return c;
    }

    public List<Cohort> cohorts(UUID programmeId) {
        get(programmeId);
        return Cohort.list("programmeId", Sort.by("startDate").and("id"), programmeId);
    }

    @Transactional
    public Cohort createCohort(ProgrammeRecords.CohortRequest r) {
        Programme p = get(r.programmeId());
        if (p.status == Programme.Status.CLOSED) {
            throw ApiException.conflict("programme-closed", "Programme " + p.code + " is closed");
        }
        if (!r.endDate().isAfter(r.startDate())) {
            throw ApiException.invalid("endDate", "must be after startDate");
        }
        if (!sites.known(r.siteCode())) {
            throw ApiException.invalid("siteCode", "is not a site of the network");
        }
        if (p.siteCodes.length > 0 && !List.of(p.siteCodes).contains(r.siteCode())) {
            throw ApiException.invalid("siteCode", "is not a site where programme " + p.code + " is delivered " + List.of(p.siteCodes));
        }
        Cohort c = new Cohort();
        c.id = Ids.newId();
        c.programmeId = p.id;
        c.name = r.name();
        c.siteCode = r.siteCode();
        c.startDate = r.startDate();
        c.endDate = r.endDate();
        c.capacity = r.capacity();
        c.status = Cohort.Status.DRAFT;
        c.createdAt = now();
        c.persist();
        return c;
    }

    @Transactional
    public Cohort moveCohort(UUID id, Cohort.Status target) {
        Cohort c = lockCohort(id);
        Cohort.Status expected = switch (target) {
            case OPEN -> Cohort.Status.DRAFT;
            case RUNNING -> Cohort.Status.OPEN;
            case CLOSED -> Cohort.Status.RUNNING;
            case DRAFT -> null;
        };
        if (c.status != expected) {
            throw ApiException.conflict("illegal-transition", "A cohort goes draft → open → running → closed; this one is " + c.status);
        }
        if (target == Cohort.Status.OPEN && Programme.<Programme>findById(c.programmeId).status != Programme.Status.PUBLISHED) {
            throw ApiException.conflict("programme-not-published", "A cohort opens once its programme is published");
        }
        if (target == Cohort.Status.CLOSED) { // its rooms would stay booked in sites-service for sessions that will not be held
            long ahead = Session.count("cohortId = ?1 and status = ?2 and startsAt > ?3", c.id, Session.Status.SCHEDULED, now());
            if (ahead > 0) {
                throw ApiException.conflict("cohort-has-sessions", "Cohort " + c.name + " has " + ahead
                        + " session(s) ahead; cancel them before closing it");
            }
        }
        c.status = target;
        c.flush();
        if (target == Cohort.Status.OPEN) {
            events.record("programs.cohort.opened", c.id, Map.of("cohortId", c.id, "programmeId", c.programmeId, "name", c.name,
                    "siteCode", c.siteCode, "startDate", c.startDate.toString(), "endDate", c.endDate.toString(),
                    "capacity", c.capacity));
        }
        return c;
    }

    boolean staff() {
        return caller.admin() || caller.is(ma.technopark.platform.security.Roles.PROGRAMME_MANAGER);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
