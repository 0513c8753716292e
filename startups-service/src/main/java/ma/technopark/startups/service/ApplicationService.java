package ma.technopark.startups.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.contracts.ApplicationAccepted;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.persistence.UniqueViolation;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.query.PageQuery;
import ma.technopark.platform.replica.SiteReplica;
import ma.technopark.startups.Application;
import ma.technopark.startups.Review;
import ma.technopark.startups.rest.ApplicationRequests;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Incubation applications: the applicant drafts, submits or withdraws; reviewers screen, score and decide.
 * A decision needs a minimum number of reviews (technopark.startups.decision.min-reviews, default 2) and a
 * reason; an acceptance starts the admission saga.
 */
@ApplicationScoped
public class ApplicationService {
    private static final EnumSet<Application.Status> OUTCOMES = EnumSet.of(Application.Status.ACCEPTED,
            Application.Status.WAITLISTED, Application.Status.REJECTED);

    private final StartupService startups;
    private final DomainEvents events;
    private final Scope scope;
    private final SiteReplica sites;
    private final int minReviews;

    public ApplicationService(StartupService startups, DomainEvents events, Scope scope, SiteReplica sites,
            @ConfigProperty(name = "technopark.startups.decision.min-reviews", defaultValue = "2") int minReviews) {
        this.startups = startups;
        this.events = events;
        this.scope = scope;
        this.sites = sites;
        this.minReviews = minReviews;
    }

    public Application get(UUID id) {
        Application a = Application.findById(id);
        if (a == null) {
            throw ApiException.notFound("application", id);
        }
        scope.requireVisible(a.startupId, "application", id);
        return a;
    }

    /** A page of applications, oldest first (ids are time-ordered); a startup token sees only its own. */
    public Page<Application> list(UUID startupId, Application.Status status, PageRequest page) {
        UUID own = scope.ownStartup();
        return new PageQuery().where("startupId", own != null ? own : startupId).where("status", status)
                .page((query, sort, params) -> Application.find(query, sort, params), page, a -> a.id);
    }

    @Transactional
    public Application create(ApplicationRequests.Create r) {
        startups.get(r.startupId()); // 404 for another startup's token
        Application a = new Application();
        a.id = Ids.newId();
        a.startupId = r.startupId();
        apply(a, r);
        a.status = Application.Status.DRAFT;
        a.createdAt = StartupService.now();
        a.persist();
        return a;
    }

    /** Replaces a draft's site, seats, start date and motivation; once submitted, an application is what was sent. */
    @Transactional
    public Application edit(UUID id, long expectedVersion, ApplicationRequests.Create r) {
        Application a = get(id);
        Preconditions.check(expectedVersion, a.version);
        if (!a.startupId.equals(r.startupId())) {
            throw ApiException.invalid("startupId", "cannot be changed");
        }
        if (a.status != Application.Status.DRAFT) {
            throw ApiException.conflict("illegal-transition", "Application " + a.id + " is " + a.status + "; only a draft is edited");
        }
        apply(a, r);
        a.flush();
        return a;
    }

    private void apply(Application a, ApplicationRequests.Create r) {
        if (!sites.known(r.siteCode())) {
            throw ApiException.invalid("siteCode", "is not a site of the network");
        }
        a.siteCode = r.siteCode();
        a.seats = r.seats();
        a.startDate = r.startDate();
        a.motivation = r.motivation();
    }

    @Transactional
    public Application submit(UUID id) {
        Application a = get(id);
        move(a, Application.Status.SUBMITTED);
        a.submittedAt = StartupService.now();
        a.flush();
        events.record("startups.application.submitted", a.id, Map.of("applicationId", a.id, "startupId", a.startupId,
                "siteCode", a.siteCode, "seats", a.seats));
        return a;
    }

    @Transactional
    public Application withdraw(UUID id) {
        Application a = get(id);
        move(a, Application.Status.WITHDRAWN);
        return a;
    }

    /** Reviewer steps: submitted → screening → committee. */
    @Transactional
    public Application advance(UUID id, Application.Status target) {
        Application a = get(id);
        move(a, target);
        return a;
    }

    @Transactional
    public Review review(UUID id, ApplicationRequests.ReviewCreate r) {
        Application a = get(id);
        if (a.status != Application.Status.SCREENING && a.status != Application.Status.COMMITTEE) {
            throw ApiException.conflict("illegal-transition", "Application " + id + " is " + a.status
                    + "; it is reviewed during screening and committee");
        }
        Review review = new Review();
        review.id = Ids.newId();
        review.applicationId = id;
        review.reviewer = scope.subject();
        review.innovation = r.innovation();
        review.team = r.team();
        review.market = r.market();
        review.impact = r.impact();
        review.comment = r.comment();
        review.createdAt = StartupService.now();
        review.persist();
        // one review per reviewer: the database's unique constraint decides (no query before the write)
        UniqueViolation.flush(() -> ApiException.conflict("already-reviewed", "You have already reviewed application " + id),
                "review_application_id_reviewer_key");
        return review;
    }

    public List<Review> reviews(UUID id) {
        get(id);
        return Review.list("applicationId", Sort.by("createdAt"), id);
    }

    @Transactional
    public Application decide(UUID id, ApplicationRequests.Decision d) {
        Application a = get(id);
        if (!OUTCOMES.contains(d.outcome())) {
            throw ApiException.invalid("outcome", "must be ACCEPTED, WAITLISTED or REJECTED");
        }
        if (a.status != Application.Status.COMMITTEE && a.status != Application.Status.WAITLISTED) {
            throw ApiException.conflict("illegal-transition", "Application " + id + " is " + a.status
                    + "; a decision is taken in committee (or on a waitlisted application)");
        }
        long reviews = Review.count("applicationId", id);
        if (reviews < minReviews) {
            throw ApiException.conflict("not-enough-reviews", "A decision needs at least " + minReviews
                    + " reviews; application " + id + " has " + reviews);
        }
        move(a, d.outcome());
        a.decisionReason = d.reason();
        a.decidedBy = scope.subject();
        a.decidedAt = StartupService.now();
        if (d.outcome() == Application.Status.ACCEPTED) {
            a.hosting = Application.Hosting.PENDING;
        }
        a.flush();
        events.record("startups.application.decided", a.id, Map.of("applicationId", a.id, "startupId", a.startupId,
                "siteCode", a.siteCode, "outcome", a.status.name(), "reason", a.decisionReason));
        if (d.outcome() == Application.Status.ACCEPTED) {
            events.record(ApplicationAccepted.TYPE, a.id, new ApplicationAccepted(a.id, a.startupId, a.siteCode, a.seats,
                    a.startDate, null));
        }
        return a;
    }

    private static void move(Application a, Application.Status target) {
        if (!a.status.canMoveTo(target)) {
            throw ApiException.conflict("illegal-transition", "An application cannot go from " + a.status + " to " + target
                    + "; allowed: " + a.status.next());
        }
        a.status = target;
    }
}
