package ma.technopark.sites.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.sites.NomadPass;
import ma.technopark.sites.NomadVisit;
import ma.technopark.sites.Site;
import ma.technopark.sites.SiteStatus;
import ma.technopark.sites.rest.NomadPassRequest;

/**
 * Digital-nomad passes: on no day do a site's valid passes outnumber its nomad seats (checked under the site
 * lock, like hosting). A holder checks in on a day the pass is valid, once at a time, and checks out.
 */
@ApplicationScoped
public class NomadService {
    private final SiteService sites;
    private final EntityManager em;
    private final DomainEvents events;

    public NomadService(SiteService sites, EntityManager em, DomainEvents events) {
        this.sites = sites;
        this.em = em;
        this.events = events;
    }

    public NomadPass get(UUID id) {
        NomadPass pass = NomadPass.findById(id);
        if (pass == null) {
            throw ApiException.notFound("nomad pass", id);
        }
        return pass;
    }

    @Transactional
    public NomadPass issue(NomadPassRequest r) {
        Site site = sites.lockForManager(r.siteId());
        if (!site.digitalNomadOffer || site.nomadSeats == null || site.status != SiteStatus.OPERATIONAL) {
            throw ApiException.conflict("no-nomad-offer", "Site " + site.code + " has no digital-nomad offer");
        }
        if (r.startDate().isBefore(LocalDate.now(SpaceService.LOCAL))) {
            throw ApiException.invalid("startDate", "is in the past");
        }
        LocalDate until = r.kind().until(r.startDate());
        if (mostPassesOnADay(site.id, r.startDate(), until) + 1 > site.nomadSeats) {
            throw ApiException.conflict("nomad-seats-full", "Site " + site.code + " has its " + site.nomadSeats
                    + " nomad seats taken on some day from " + r.startDate() + " to " + until.minusDays(1));
        }
        NomadPass pass = new NomadPass();
        pass.id = Ids.newId();
        pass.siteId = site.id;
        pass.holderName = r.holderName();
        pass.holderEmail = r.holderEmail();
        pass.kind = r.kind();
        pass.validFrom = r.startDate();
        pass.validUntil = until;
        pass.status = NomadPass.Status.ACTIVE;
        pass.createdAt = SpaceService.now();
        pass.persist();
        return pass;
    }

    @Transactional
    public NomadVisit checkIn(UUID passId) {
        NomadPass pass = get(passId);
        Site site = sites.lockForManager(pass.siteId);
        em.refresh(pass); // as it is now that its site is locked: a cancellation may have come first
        LocalDate today = LocalDate.now(SpaceService.LOCAL);
        if (pass.status != NomadPass.Status.ACTIVE || today.isBefore(pass.validFrom) || !today.isBefore(pass.validUntil)) {
            throw ApiException.conflict("pass-not-valid-today", "Pass " + passId + " is valid from " + pass.validFrom
                    + " until " + pass.validUntil.minusDays(1));
        }
        if (NomadVisit.count("passId = ?1 and checkedOutAt is null", passId) > 0) {
            throw ApiException.conflict("already-checked-in", "The holder of pass " + passId + " is already in");
        }
        NomadVisit visit = new NomadVisit();
        visit.id = Ids.newId();
        visit.passId = pass.id;
        visit.siteId = pass.siteId;
        visit.checkedInAt = SpaceService.now();
        visit.persist();
        events.record("sites.nomad.checked-in", pass.id, Map.of("passId", pass.id, "visitId", visit.id, "siteId", site.id,
                "siteCode", site.code, "checkedInAt", visit.checkedInAt.toString()));
        return visit;
    }

    @Transactional
    public NomadVisit checkOut(UUID passId) {
        NomadPass pass = get(passId);
        sites.lockForManager(pass.siteId);
        NomadVisit visit = NomadVisit.<NomadVisit>find("passId = ?1 and checkedOutAt is null", passId).firstResultOptional()
                .orElseThrow(() -> ApiException.conflict("not-checked-in", "The holder of pass " + passId + " is not in"));
        visit.checkedOutAt = SpaceService.now();
        return visit;
    }

    /**
     * A pass, for the admin or its site's managers: it names and addresses its holder, which a manager of another
     * site has no reason to read.
     */
    public NomadPass read(UUID id) {
        NomadPass pass = get(id);
        sites.checkManager(pass.siteId);
        return pass;
    }

    /**
     * A site's passes, oldest first (ids are time-ordered): valid on a day, of a holder (the e-mail, in any case),
     * of a status, each when given. The front desk finds a visitor's pass this way.
     */
    public ma.technopark.platform.paging.Page<NomadPass> list(UUID siteId, LocalDate validOn, String holderEmail,
            NomadPass.Status status, ma.technopark.platform.paging.PageRequest page) {
        sites.checkManager(siteId);
        return new ma.technopark.platform.query.PageQuery().where("siteId", siteId).where("status", status)
                .where("validFrom <= :day and validUntil > :day", "day", validOn)
                .where("lower(holderEmail) = lower(:email)", "email", holderEmail == null ? null : holderEmail.strip())
                .page((query, sort, params) -> NomadPass.find(query, sort, params), page, p -> p.id);
    }

    /**
     * Cancels a pass (sold by mistake, refunded): its nomad seat is free again for the days it had left. Not while
     * its holder is in (check them out first), and only once.
     */
    @Transactional
    public NomadPass cancel(UUID passId) {
        NomadPass pass = get(passId);
        sites.lockForManager(pass.siteId);
        em.refresh(pass); // as it is now that its site is locked: a check-in or a cancellation may have come first
        if (pass.status == NomadPass.Status.CANCELLED) {
            throw ApiException.conflict("pass-cancelled", "Pass " + passId + " is cancelled already");
        }
        if (NomadVisit.count("passId = ?1 and checkedOutAt is null", passId) > 0) {
            throw ApiException.conflict("already-checked-in", "The holder of pass " + passId + " is in: check them out first");
        }
        pass.status = NomadPass.Status.CANCELLED;
        return pass;
    }

    /** Open visits at the site: who is in now (the admin or the site's managers). */
    public List<NomadVisit> present(UUID siteId) {
        sites.checkManager(siteId);
        return NomadVisit.list("siteId = ?1 and checkedOutAt is null", Sort.by("checkedInAt"), siteId);
    }

    int mostPassesOnADay(UUID siteId, LocalDate from, LocalDate until) {
        Number n = (Number) em.createNativeQuery("""
                SELECT coalesce(max(valid), 0) FROM (
                  SELECT (SELECT count(*) FROM nomad_pass n WHERE n.site_id = :site AND n.status = 'ACTIVE'
                            AND n.validity @> p.day) AS valid
                  FROM (SELECT CAST(:from AS date) AS day
                        UNION SELECT lower(validity) FROM nomad_pass
                        WHERE site_id = :site AND status = 'ACTIVE' AND validity && daterange(:from, :until, '[)')
                          AND lower(validity) > :from) p) x
                """).setParameter("site", siteId).setParameter("from", from).setParameter("until", until).getSingleResult();
        return n.intValue();
    }
}
