package ma.technopark.sites.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import ma.technopark.contracts.SiteChanged;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.persistence.UniqueViolation;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.problem.Problem;
import ma.technopark.platform.security.Caller;
import ma.technopark.platform.security.Roles;
import ma.technopark.sites.Region;
import ma.technopark.sites.Site;
import ma.technopark.sites.SiteKind;
import ma.technopark.sites.SiteStatus;
import ma.technopark.sites.repository.SiteRepository;
import ma.technopark.sites.rest.SiteRequest;

/** Sites: registration, updates and the status life cycle; every change is published through the outbox. */
@ApplicationScoped
public class SiteService {
    /** Allowed status moves: planned → under construction → operational → suspended / closed. */
    static final Map<SiteStatus, Set<SiteStatus>> TRANSITIONS = Map.of(
            SiteStatus.PLANNED, EnumSet.of(SiteStatus.UNDER_CONSTRUCTION, SiteStatus.CLOSED),
            SiteStatus.UNDER_CONSTRUCTION, EnumSet.of(SiteStatus.OPERATIONAL, SiteStatus.SUSPENDED, SiteStatus.CLOSED),
            SiteStatus.OPERATIONAL, EnumSet.of(SiteStatus.SUSPENDED, SiteStatus.CLOSED),
            SiteStatus.SUSPENDED, EnumSet.of(SiteStatus.OPERATIONAL, SiteStatus.CLOSED),
            SiteStatus.CLOSED, EnumSet.noneOf(SiteStatus.class));

    private final SiteRepository sites;
    private final DomainEvents events;
    private final Caller caller;

    public SiteService(SiteRepository sites, DomainEvents events, Caller caller) {
        this.sites = sites;
        this.events = events;
        this.caller = caller;
    }

    public Site get(UUID id) {
        return sites.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("site", id));
    }

    public Page<Site> list(Region region, SiteStatus status, SiteKind kind, String city, PageRequest page) {
        return sites.page(region, status, kind, city, page);
    }

    @Transactional
    public Site register(SiteRequest request) {
        return register(request, SiteStatus.PLANNED);
    }

    /** Registers a site in a given status (reference data loads operational sites directly). */
    @Transactional
    public Site register(SiteRequest request, SiteStatus status) {
        Site site = new Site();
        site.id = Ids.newId();
        site.code = request.code();
        site.status = status;
        site.createdAt = now();
        apply(site, request);
        sites.persist(site);
        // a code is one site's: the database's unique constraint decides (no query before the write)
        UniqueViolation.flush(() -> new ApiException(409, "site-code-taken", "Conflict",
                "A site with code " + request.code() + " exists",
                List.of(new Problem.FieldError("code", "is already taken"))),
                "site_code_key");
        events.record(SiteChanged.REGISTERED, site.id, snapshot(site));
        return site;
    }

    @Transactional
    public Site update(UUID id, long expectedVersion, SiteRequest request) {
        Site site = get(id);
        requireManager(site);
        Preconditions.check(expectedVersion, site.version);
        if (!site.code.equals(request.code())) {
            throw ApiException.invalid("code", "cannot be changed");
        }
        apply(site, request);
        sites.flush();
        events.record(SiteChanged.UPDATED, site.id, snapshot(site));
        return site;
    }

    @Transactional
    public Site changeStatus(UUID id, SiteStatus target) {
        Site site = get(id);
        requireManager(site);
        if (!TRANSITIONS.get(site.status).contains(target)) {
            throw ApiException.conflict("illegal-transition",
                    "A site cannot go from " + site.status + " to " + target + "; allowed: " + TRANSITIONS.get(site.status));
        }
        site.status = target;
        site.updatedAt = now();
        sites.flush();
        events.record(SiteChanged.STATUS_CHANGED, site.id, snapshot(site));
        return site;
    }

    /**
     * The site, locked for this transaction (capacity decisions at a site are taken one at a time), after
     * checking that the caller manages it.
     */
    public Site lockForManager(UUID id) {
        Site site = lock(id);
        requireManager(site);
        return site;
    }

    /** Checks, without locking the site, that the caller manages it (a decision then locks it elsewhere). */
    public void checkManager(UUID id) {
        requireManager(get(id));
    }

    /** The site, locked for this transaction. */
    public Site lock(UUID id) {
        Site site = sites.getEntityManager().find(Site.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (site == null) {
            throw ApiException.notFound("site", id);
        }
        return site;
    }

    private void requireManager(Site site) {
        managerCheck().accept(site);
    }

    /**
     * The caller's check as a manager, taken now (in the caller's request) to be applied to a site later, in a
     * transaction another request may run: it throws 403 unless the caller manages the site.
     */
    public Consumer<Site> managerCheck() {
        if (caller.admin()) {
            return site -> {
            };
        }
        Set<String> managed = caller.is(Roles.SITE_MANAGER) ? Set.copyOf(caller.sites()) : Set.of();
        return site -> {
            if (!managed.contains(site.code)) {
                throw ApiException.forbidden("You do not manage site " + site.code);
            }
        };
    }

    private static void apply(Site site, SiteRequest r) {
        site.nameFr = r.name().fr();
        site.nameAr = r.name().ar();
        site.nameEn = r.name().en();
        site.city = r.city();
        site.region = r.region();
        site.kind = r.kind();
        site.inaugurationDate = r.inaugurationDate();
        site.investmentMad = r.investment() == null ? null : r.investment().value();
        site.hostingCapacity = r.hostingCapacity();
        site.address = r.address();
        site.latitude = r.coordinates() == null ? null : r.coordinates().latitude();
        site.longitude = r.coordinates() == null ? null : r.coordinates().longitude();
        site.digitalNomadOffer = Boolean.TRUE.equals(r.digitalNomadOffer());
        site.nomadSeats = r.nomadSeats();
        site.expectedOpening = r.expectedOpening();
        site.updatedAt = now();
    }

    static SiteChanged snapshot(Site s) {
        return new SiteChanged(s.id, s.code, s.nameFr, s.city, s.region.name(), s.kind.name(), s.status.name(),
                s.hostingCapacity, s.version);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
