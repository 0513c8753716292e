package ma.technopark.programs.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.problem.Problem;
import ma.technopark.platform.security.Caller;
import ma.technopark.programs.Cohort;
import ma.technopark.programs.Enrolment;
import ma.technopark.programs.Programme;
import ma.technopark.programs.StartupReplica;

/**
 * Enrolments. Eligibility is checked against this service's own copy of the startup (stage and status), so it
 * holds while startups-service is down. A place is taken under a lock on the cohort's row, so a cohort is
 * never over capacity whatever the concurrency. Staff enrol directly (accepted); a startup applies and staff
 * accept it later.
 */
@ApplicationScoped
public class EnrolmentService {
    private final ProgrammeService programmes;
    private final DomainEvents events;
    private final Caller caller;

    public EnrolmentService(ProgrammeService programmes, DomainEvents events, Caller caller) {
        this.programmes = programmes;
        this.events = events;
        this.caller = caller;
    }

    public Enrolment get(UUID id) {
        Enrolment e = Enrolment.findById(id);
        if (e == null || !visible(e)) {
            throw ApiException.notFound("enrolment", id);
        }
        return e;
    }

    public List<Enrolment> list(UUID cohortId) {
        programmes.cohort(cohortId);
        return Enrolment.<Enrolment>list("cohortId", Sort.by("createdAt").and("id"), cohortId).stream().filter(this::visible).toList();
    }

    @Transactional
    public Enrolment enrol(UUID cohortId, UUID startupId) {
        boolean staff = programmes.staff();
        if (!staff && !caller.startupId().map(startupId.toString()::equals).orElse(false)) {
            throw ApiException.forbidden("A startup enrols only itself");
        }
        Cohort cohort = programmes.lockCohortForPlaces(cohortId);
        Programme programme = Programme.findById(cohort.programmeId);
        if (cohort.status != Cohort.Status.OPEN) {
            throw ApiException.conflict("cohort-not-open", "Cohort " + cohort.name + " is " + cohort.status + "; enrolment needs an open cohort");
        }
        StartupReplica startup = StartupReplica.findById(startupId);
        if (startup == null) {
            throw ApiException.invalid("startupId", "is not a startup this service knows (yet)");
        }
        if (!List.of(programme.eligibleStages).contains(startup.stage)) {
            throw ApiException.conflict("not-eligible", "Programme " + programme.code + " takes startups at stage "
                    + List.of(programme.eligibleStages) + "; " + startup.brandName + " is at " + startup.stage);
        }
        if ("INACTIVE".equals(startup.status)) {
            throw ApiException.conflict("not-eligible", startup.brandName + " is inactive");
        }
        if (Enrolment.count("cohortId = ?1 and startupId = ?2", cohortId, startupId) > 0) {
            throw ApiException.conflict("already-enrolled", startup.brandName + " is already enrolled in cohort " + cohort.name);
        }
        Enrolment e = new Enrolment();
        e.id = Ids.newId();
        e.cohortId = cohortId;
        e.startupId = startupId;
        e.status = Enrolment.Status.APPLIED;
        e.createdAt = ProgrammeService.now();
        e.updatedAt = e.createdAt;
        if (staff) {
            requirePlace(cohort);
            e.status = Enrolment.Status.ACCEPTED;
        }
        e.persist();
        e.flush();
        if (e.status == Enrolment.Status.ACCEPTED) {
            published("programs.enrolment.accepted", e, cohort, programme);
        }
        return e;
    }

    @Transactional
    public Enrolment move(UUID id, Enrolment.Status target) {
        Enrolment e = get(id);
        Cohort cohort = programmes.lockCohortForPlaces(e.cohortId);
        if (!e.status.canMoveTo(target)) {
            throw ApiException.conflict("illegal-transition", "An enrolment cannot go from " + e.status + " to " + target
                    + "; allowed: " + e.status.next());
        }
        if (target == Enrolment.Status.ACCEPTED) {
            requirePlace(cohort);
        }
        e.status = target;
        e.updatedAt = ProgrammeService.now();
        e.flush();
        Programme programme = Programme.findById(cohort.programmeId);
        switch (target) {
            case ACCEPTED -> published("programs.enrolment.accepted", e, cohort, programme);
            case COMPLETED -> published("programs.enrolment.completed", e, cohort, programme);
            case DROPPED -> published("programs.enrolment.dropped", e, cohort, programme);
            default -> {
            }
        }
        return e;
    }

    /**
     * A cohort's number of places, changed under its lock like every enrolment decision: never below the places
     * taken, and not once the cohort is closed.
     */
    @Transactional
    public Cohort changeCapacity(UUID cohortId, int capacity) {
        Cohort c = programmes.lockCohort(cohortId); // staff only: every cohort is visible to them
        if (c.status == Cohort.Status.CLOSED) {
            throw ApiException.conflict("illegal-transition", "Cohort " + c.name + " is " + c.status);
        }
        long taken = placed(c.id);
        if (capacity < taken) {
            throw new ApiException(409, "capacity-below-places", "Conflict", "Cohort " + c.name + " has " + taken
                    + " places taken; its capacity cannot go below that", List.of(new Problem.FieldError("capacity",
                    "must be at least " + taken)));
        }
        c.capacity = capacity;
        c.flush();
        return c;
    }

    public long placed(UUID cohortId) {
        return Enrolment.count("cohortId = ?1 and status in ?2", cohortId, Enrolment.Status.PLACED);
    }

    private void requirePlace(Cohort cohort) {
        if (placed(cohort.id) >= cohort.capacity) {
            throw ApiException.conflict("cohort-full", "Cohort " + cohort.name + " has its " + cohort.capacity + " places taken");
        }
    }

    private boolean visible(Enrolment e) {
        return programmes.staff() || caller.startupId().map(e.startupId.toString()::equals).orElse(false);
    }

    private void published(String type, Enrolment e, Cohort cohort, Programme programme) {
        events.record(type, e.id, Map.of("enrolmentId", e.id, "startupId", e.startupId, "cohortId", cohort.id,
                "programmeId", programme.id, "programmeCode", programme.code, "programmeName", programme.nameFr,
                "siteCode", cohort.siteCode, "status", e.status.name(), "fundingConventionIds", List.copyOf(programme.conventionIds)));
    }
}
