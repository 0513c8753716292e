package ma.technopark.startups.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import ma.technopark.contracts.HostingDecided;
import ma.technopark.contracts.ResidencyEnded;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.query.PageQuery;
import ma.technopark.startups.Application;
import ma.technopark.startups.Residency;
import ma.technopark.startups.Startup;

/**
 * The startups side of the admission saga: a site's "allocated" answer turns the accepted application into a
 * residency (admitted), a "waitlisted" answer marks it waiting; a residency that ends is published so that
 * the site frees the seats.
 */
@ApplicationScoped
public class ResidencyService {
    private final StartupService startups;
    private final DomainEvents events;
    private final Scope scope;

    public ResidencyService(StartupService startups, DomainEvents events, Scope scope) {
        this.startups = startups;
        this.events = events;
        this.scope = scope;
    }

    public Residency get(UUID id) {
        Residency r = Residency.findById(id);
        if (r == null) {
            throw ApiException.notFound("residency", id);
        }
        scope.requireVisible(r.startupId, "residency", id);
        return r;
    }

    /** A page of residencies, oldest first (ids are time-ordered); a startup token sees only its own. */
    public Page<Residency> list(String siteCode, Residency.Status status, UUID startupId, PageRequest page) {
        UUID own = scope.ownStartup();
        return new PageQuery().where("siteCode", siteCode).where("status", status)
                .where("startupId", own != null ? own : startupId)
                .page((query, sort, params) -> Residency.find(query, sort, params), page, r -> r.id);
    }

    /** The site allocated the seats: the application becomes a residency (once). Runs in the inbox's transaction. */
    public void allocated(HostingDecided hosting) {
        Application application = Application.findById(hosting.applicationId());
        if (application == null || Residency.count("applicationId", application.id) > 0) {
            return;
        }
        application.hosting = Application.Hosting.ALLOCATED;
        Residency r = new Residency();
        r.id = Ids.newId();
        r.applicationId = application.id;
        r.startupId = application.startupId;
        r.siteCode = hosting.siteCode();
        r.allocationId = hosting.allocationId();
        r.seats = hosting.seats();
        r.status = Residency.Status.ADMITTED;
        r.admittedAt = StartupService.now();
        r.persist();
        r.flush();
        Startup startup = Startup.findById(application.startupId);
        startups.changeStatus(startup, Startup.Status.RESIDENT);
        events.record("startups.residency.started", r.id, Map.of("residencyId", r.id, "applicationId", r.applicationId,
                "startupId", r.startupId, "siteCode", r.siteCode, "seats", r.seats, "status", r.status.name()));
    }

    /** The site is full: the accepted application waits for a seat. */
    public void waitlisted(HostingDecided hosting) {
        Application application = Application.findById(hosting.applicationId());
        if (application != null && application.hosting == Application.Hosting.PENDING) {
            application.hosting = Application.Hosting.WAITLISTED;
        }
    }

    @Transactional
    public Residency arrive(UUID id) {
        Residency r = get(id);
        if (r.status != Residency.Status.ADMITTED) {
            throw ApiException.conflict("illegal-transition", "Residency " + id + " is " + r.status + "; only an admitted one starts");
        }
        r.status = Residency.Status.RESIDENT;
        return r;
    }

    @Transactional
    public Residency end(UUID id, Residency.Status outcome) {
        if (outcome != Residency.Status.GRADUATED && outcome != Residency.Status.EXITED) {
            throw ApiException.invalid("outcome", "must be GRADUATED or EXITED");
        }
        Residency r = get(id);
        if (r.status != Residency.Status.ADMITTED && r.status != Residency.Status.RESIDENT) {
            throw ApiException.conflict("illegal-transition", "Residency " + id + " has already ended (" + r.status + ")");
        }
        r.status = outcome;
        r.endedAt = StartupService.now();
        r.flush();
        Startup startup = Startup.findById(r.startupId);
        if (Residency.count("startupId = ?1 and status in (?2, ?3)", r.startupId, Residency.Status.ADMITTED,
                Residency.Status.RESIDENT) == 0) {
            startups.changeStatus(startup, outcome == Residency.Status.GRADUATED ? Startup.Status.ALUMNI : Startup.Status.INACTIVE);
        }
        events.record(ResidencyEnded.TYPE, r.id, new ResidencyEnded(r.id, r.applicationId, r.startupId, r.siteCode,
                outcome.name()));
        return r;
    }
}
