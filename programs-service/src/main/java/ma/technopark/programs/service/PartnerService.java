package ma.technopark.programs.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.persistence.UniqueViolation;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.problem.Problem;
import ma.technopark.platform.security.Caller;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.Convention;
import ma.technopark.programs.Partner;
import ma.technopark.programs.rest.ProgrammeRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Partners and conventions, and the beneficiaries credited to each convention: the distinct startups holding
 * a place (accepted, active or completed) in a cohort of a programme the convention funds. A partner token
 * sees only the conventions its partner is a party to.
 */
@ApplicationScoped
public class PartnerService {
    private final EntityManager em;
    private final Caller caller;
    private final int networkTarget;

    public PartnerService(EntityManager em, Caller caller,
            @ConfigProperty(name = "technopark.programs.targets.beneficiaries", defaultValue = "1300") int networkTarget) {
        this.em = em;
        this.caller = caller;
        this.networkTarget = networkTarget;
    }

    /** All partners for staff; a partner's token sees only its own record. */
    public List<Partner> partners() {
        return Partner.<Partner>listAll(Sort.by("name")).stream().filter(p -> ownPartner(p.id)).toList();
    }

    public Partner partner(UUID id) {
        Partner p = Partner.findById(id);
        if (p == null || !ownPartner(p.id)) {
            throw ApiException.notFound("partner", id);
        }
        return p;
    }

    @Transactional
    public Partner createPartner(ProgrammeRecords.PartnerRequest r) {
        Partner p = new Partner();
        p.id = Ids.newId();
        p.name = r.name();
        p.kind = r.kind();
        p.contactEmail = r.contactEmail();
        p.createdAt = ProgrammeService.now();
        p.persist();
        flushName(r.name());
        return p;
    }

    /** Replaces a partner's name, kind and contact; its conventions, clients and subscriptions stay its own. */
    @Transactional
    public Partner updatePartner(UUID id, long expectedVersion, ProgrammeRecords.PartnerRequest r) {
        Partner p = partner(id);
        Preconditions.check(expectedVersion, p.version);
        p.name = r.name();
        p.kind = r.kind();
        p.contactEmail = r.contactEmail();
        flushName(r.name());
        return p;
    }

    /** Writes the partner now: a name, whatever its case, is one partner's; the database's unique index decides. */
    private static void flushName(String name) {
        UniqueViolation.flush(() -> new ApiException(409, "partner-exists", "Conflict",
                "A partner named " + name + " exists", List.of(new Problem.FieldError("name", "is already taken"))),
                "partner_name_ci_key", "partner_name_key");
    }

    public List<Convention> conventions() {
        return Convention.<Convention>listAll(Sort.by("startDate").and("id")).stream().filter(this::visible).toList();
    }

    public Convention convention(UUID id) {
        Convention c = Convention.findById(id);
        if (c == null || !visible(c)) {
            throw ApiException.notFound("convention", id);
        }
        return c;
    }

    @Transactional
    public Convention createConvention(ProgrammeRecords.ConventionRequest r) {
        if (r.endDate() != null && !r.endDate().isAfter(r.startDate())) {
            throw ApiException.invalid("endDate", "must be after startDate");
        }
        for (UUID partner : r.partnerIds()) {
            if (Partner.findById(partner) == null) {
                throw ApiException.invalid("partnerIds", "has an unknown partner " + partner);
            }
        }
        Convention c = new Convention();
        c.id = Ids.newId();
        c.title = r.title();
        c.object = r.object();
        c.siteCode = r.siteCode();
        c.signatureDate = r.signatureDate();
        c.startDate = r.startDate();
        c.endDate = r.endDate();
        c.budgetMad = r.budget() == null ? null : r.budget().value();
        c.targetBeneficiaries = r.targetBeneficiaries();
        c.partnerIds = new java.util.HashSet<>(r.partnerIds());
        c.createdAt = ProgrammeService.now();
        c.persist();
        return c;
    }

    public ProgrammeRecords.Beneficiaries beneficiaries(UUID conventionId) {
        Convention c = convention(conventionId);
        Number n = (Number) em.createNativeQuery("""
                SELECT count(DISTINCT e.startup_id) FROM enrolment e
                JOIN cohort co ON co.id = e.cohort_id
                JOIN programme_funding f ON f.programme_id = co.programme_id
                WHERE f.convention_id = ?1 AND e.status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED')""")
                .setParameter(1, c.id).getSingleResult();
        return new ProgrammeRecords.Beneficiaries(c.id, n.longValue(), c.targetBeneficiaries);
    }

    public ProgrammeRecords.Beneficiaries networkBeneficiaries() {
        Number n = (Number) em.createNativeQuery(
                "SELECT count(DISTINCT startup_id) FROM enrolment WHERE status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED')")
                .getSingleResult();
        return new ProgrammeRecords.Beneficiaries(null, n.longValue(), networkTarget);
    }

    private boolean visible(Convention c) {
        return !partnerOnly() || c.partnerIds.stream().anyMatch(this::ownPartner); // staff: no load of the parties
    }

    /** Whether the caller may see this partner's objects: staff always, a partner's token only its own. */
    private boolean ownPartner(UUID partnerId) {
        return !partnerOnly() || caller.partnerId().map(partnerId.toString()::equals).orElse(false);
    }

    private boolean partnerOnly() {
        return caller.is(Roles.PARTNER) && !caller.admin() && !caller.is(Roles.PROGRAMME_MANAGER);
    }
}
