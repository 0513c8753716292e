package ma.technopark.sites.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import ma.technopark.contracts.HostingDecided;
import ma.technopark.platform.Ids;
import ma.technopark.platform.concurrent.BatchMeters;
import ma.technopark.platform.concurrent.Combiner;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.sites.Allocation;
import ma.technopark.sites.Site;
import ma.technopark.sites.SiteStatus;
import ma.technopark.sites.Space;
import ma.technopark.sites.WaitlistEntry;
import ma.technopark.sites.repository.AllocationRepository;
import ma.technopark.sites.rest.AllocationRequest;

/**
 * Long-term hosting. Every decision at a site (allocate, release, promote, cut capacity) is taken under a lock
 * on the site's row, so that at every instant the active allocations stay within each space's seats and the
 * site's capacity in startups, whatever the concurrency. A full site waitlists, first come first served: when
 * capacity frees, the oldest waiting request is promoted if it fits (no later request overtakes it).
 * <p>
 * Requests from the API that come at once for one site are decided together: one transaction locks the site,
 * takes each decision in turn (each sees the ones before it) and commits them all ({@link Combiner}). Taken one
 * transaction each, 64 requests for a site's last seats waited for each other's five round trips to the database
 * under the lock (bench/FINDINGS.md, "Contention (4)").
 */
@ApplicationScoped
public class AllocationService {
    private final SiteService sites;
    private final AllocationRepository allocations;
    private final DomainEvents events;
    private final WritesTogether writes;
    private final TransactionSynchronizationRegistry transactions;
    /** Decisions at a site, batched: a transaction that locks the site takes every decision waiting for it. */
    private final Combiner<UUID, Site> decisions;

    public AllocationService(SiteService sites, AllocationRepository allocations, DomainEvents events,
            WritesTogether writes, TransactionSynchronizationRegistry transactions, MeterRegistry registry) {
        this.sites = sites;
        this.allocations = allocations;
        this.events = events;
        this.writes = writes;
        this.transactions = transactions;
        this.decisions = new Combiner<>(
                (siteId, n, decide) -> QuarkusTransaction.requiringNew().run(() -> decideTogether(siteId, n, decide)),
                ApiException.class::isInstance, BATCH,
                BatchMeters.register(registry, "technopark.sites.decisions", "hosting decisions at a site"));
    }

    /** The most decisions one transaction takes (the bench's 64 clients at once fit in one). */
    static final int BATCH = 64;

    /**
     * Takes {@code n} decisions at a site in this transaction, the site locked; several at once write their rows
     * together ({@link WritesTogether}). What a decision reads still sees the ones before it ({@link #use} flushes
     * first).
     */
    private void decideTogether(UUID siteId, int n, Consumer<Site> decide) {
        Site site = lock(siteId);
        writes.take(n, () -> decide.accept(site));
    }

    /** The site, locked for a decision in this transaction; see {@link AllocationRepository#planOnce()}. */
    private Site lock(UUID siteId) {
        allocations.planOnce();
        return sites.lock(siteId);
    }

    private Site lockForManager(UUID siteId) {
        allocations.planOnce();
        return sites.lockForManager(siteId);
    }

    /** What became of a hosting request. */
    public sealed interface Outcome permits Allocated, Waitlisted {
    }

    public record Allocated(Allocation allocation) implements Outcome {
    }

    public record Waitlisted(WaitlistEntry entry) implements Outcome {
    }

    public Allocation get(UUID id) {
        return allocations.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("allocation", id));
    }

    public Page<Allocation> list(UUID siteId, UUID spaceId, UUID startupId, Allocation.Status status, PageRequest page) {
        return allocations.page(siteId, spaceId, startupId, status, page);
    }

    public List<WaitlistEntry> waitlist(UUID siteId) {
        sites.get(siteId);
        return WaitlistEntry.list("siteId = ?1 and status = ?2", Sort.by("createdAt").and("id"), siteId,
                WaitlistEntry.Status.WAITING);
    }

    /**
     * A request from the API: the caller must manage the site. Inside a transaction of the caller's (the one that
     * records an Idempotency-Key with its outcome), the decision is taken in it; otherwise it is batched with the
     * other decisions waiting at the site, in a transaction of their own.
     */
    public Outcome request(AllocationRequest r) {
        validatePeriod(r.startDate(), r.endDate());
        boolean waitlist = Boolean.TRUE.equals(r.waitlistIfFull());
        if (QuarkusTransaction.isActive()) {
            Site site = lockForManager(r.siteId());
            return decide(site, r.spaceId(), r.startupId(), r.seats(), r.startDate(), r.endDate(), null, waitlist);
        }
        // who the caller is, taken here, in the caller's request: the batch may run in another's; the check itself
        // waits for the locked site (no query of its own), and a site that does not exist fails the lock (404)
        Consumer<Site> manager = sites.managerCheck();
        Context trace = Context.current(); // the event recorded carries this request's trace, whoever runs the batch
        return decisions.submit(r.siteId(), site -> {
            manager.accept(site);
            try (Scope ignored = trace.makeCurrent()) {
                return decide(site, r.spaceId(), r.startupId(), r.seats(), r.startDate(), r.endDate(), null, waitlist);
            }
        });
    }

    /**
     * The sites side of the admission saga: an accepted application is allocated or waitlisted, never refused.
     * Idempotent per application.
     */
    @Transactional
    public Optional<Outcome> admit(UUID applicationId, UUID startupId, String siteCode, int seats, LocalDate start,
            LocalDate end) {
        Optional<Site> found = Site.find("code", siteCode).firstResultOptional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Site site = lock(found.get().id);
        if (allocations.byApplication(applicationId).isPresent()
                || WaitlistEntry.count("applicationId", applicationId) > 0) {
            return Optional.empty(); // already decided
        }
        LocalDate from = start != null ? start : LocalDate.now(SpaceService.LOCAL);
        return Optional.of(decide(site, null, startupId, seats, from, end, applicationId, true));
    }

    @Transactional
    public Allocation release(UUID id) {
        Allocation allocation = get(id);
        Site site = lockForManager(allocation.siteId);
        allocations.getEntityManager().refresh(allocation); // as it is now that its site is locked: a release may have come first
        return releaseLocked(site, allocation);
    }

    /** The saga's end: the residency of this application ended. */
    @Transactional
    public Optional<Allocation> releaseForApplication(UUID applicationId) {
        Optional<Allocation> allocation = allocations.byApplication(applicationId);
        if (allocation.isEmpty()) {
            WaitlistEntry.update("status = ?1 where applicationId = ?2 and status = ?3", WaitlistEntry.Status.CANCELLED,
                    applicationId, WaitlistEntry.Status.WAITING);
            return Optional.empty();
        }
        Site site = lock(allocation.get().siteId);
        Allocation current = get(allocation.get().id);
        allocations.getEntityManager().refresh(current); // read before the lock: a release may have come first
        if (current.status != Allocation.Status.ACTIVE) {
            return Optional.of(current);
        }
        return Optional.of(releaseLocked(site, current));
    }

    private Allocation releaseLocked(Site site, Allocation allocation) {
        if (allocation.status != Allocation.Status.ACTIVE) {
            throw ApiException.conflict("illegal-transition", "Allocation " + allocation.id + " is already released");
        }
        allocation.status = Allocation.Status.RELEASED;
        allocation.releasedAt = SpaceService.now();
        allocations.flush();
        events.record(HostingDecided.RELEASED, allocation.startupId, decided(site, allocation, null));
        promote(site);
        return allocation;
    }

    private void promote(Site site) {
        List<WaitlistEntry> waiting = WaitlistEntry.list("siteId = ?1 and status = ?2", Sort.by("createdAt").and("id"),
                site.id, WaitlistEntry.Status.WAITING);
        for (WaitlistEntry head : waiting) {
            Optional<UUID> space = findRoom(site, head.spaceId, head.startupId, head.seats, head.startDate, head.endDate);
            if (space.isEmpty()) {
                return; // first come, first served: nobody overtakes the head of the line
            }
            Allocation allocation = persist(site, space.get(), head.startupId, head.seats, head.startDate, head.endDate,
                    head.applicationId);
            head.status = WaitlistEntry.Status.PROMOTED;
            head.allocationId = allocation.id;
            events.record(HostingDecided.ALLOCATED, allocation.startupId, decided(site, allocation, head.id));
        }
    }

    /**
     * One decision, the site locked. It refuses (throws an {@link ApiException}) only before it writes anything:
     * a batch of decisions goes on without a refused one ({@link Combiner}).
     */
    private Outcome decide(Site site, UUID spaceId, UUID startupId, int seats, LocalDate start, LocalDate end,
            UUID applicationId, boolean waitlistIfFull) {
        Optional<UUID> room = room(site, spaceId, startupId, seats, start, end);
        if (room.isPresent()) {
            Allocation allocation = persist(site, room.get(), startupId, seats, start, end, applicationId);
            writes.record(HostingDecided.ALLOCATED, startupId, decided(site, allocation, null));
            return new Allocated(allocation);
        }
        if (!waitlistIfFull) {
            throw full(site, seats, start, end);
        }
        WaitlistEntry entry = new WaitlistEntry();
        entry.id = Ids.newId();
        entry.siteId = site.id;
        entry.spaceId = spaceId;
        entry.startupId = startupId;
        entry.seats = seats;
        entry.startDate = start;
        entry.endDate = end;
        entry.applicationId = applicationId;
        entry.status = WaitlistEntry.Status.WAITING;
        entry.createdAt = SpaceService.now();
        entry.persist();
        writes.record(HostingDecided.WAITLISTED, startupId, new HostingDecided(null, entry.id, applicationId, startupId,
                site.id, site.code, spaceId, seats, start, end));
        return new Waitlisted(entry);
    }

    /**
     * Where the request fits at the site: the named space if it has room, else (no space named) the first
     * allocatable space with room; empty when it does not fit. Refuses a site that is not operational and a named
     * space that is not an allocatable space of the site.
     */
    private Optional<UUID> room(Site site, UUID spaceId, UUID startupId, int seats, LocalDate start, LocalDate end) {
        if (site.status != SiteStatus.OPERATIONAL) {
            throw ApiException.conflict("site-not-operational", "Site " + site.code + " is " + site.status
                    + "; only an operational site hosts startups");
        }
        if (spaceId == null) {
            return findRoom(site, null, startupId, seats, start, end);
        }
        KnownUse known = known(site);
        AllocationRepository.SpaceUse use = known.bound(spaceId, startupId, start, end);
        if (use == null || !fits(site, use, seats) && use.maxSeatsUsed() + seats <= use.seats()) {
            // nothing known yet, or only the startups' upper bound refuses: ask
            use = use(site, spaceId, startupId, start, end).filter(u -> u.siteId().equals(site.id))
                    .orElseThrow(() -> ApiException.invalid("spaceId", "is not a space of site " + site.code));
            known.read(spaceId, startupId, start, end, use);
        }
        if (!use.allocatable()) {
            throw ApiException.invalid("spaceId", "is not allocatable long-term");
        }
        return fits(site, use, seats) ? Optional.of(spaceId) : Optional.empty();
    }

    /**
     * What this transaction's decisions at the site have learnt of its spaces' use: a batch of decisions for a
     * space's last seats reads it once, then counts its own grants.
     */
    private KnownUse known(Site site) {
        Object key = List.of(KnownUse.class, site.id);
        KnownUse known = (KnownUse) transactions.getResource(key);
        if (known == null) {
            known = new KnownUse();
            transactions.putResource(key, known);
        }
        return known;
    }

    private static ApiException full(Site site, int seats, LocalDate start, LocalDate end) {
        return ApiException.conflict("capacity-full", "Site " + site.code + " has no room for " + seats + " seat(s) from "
                + start + (end == null ? "" : " to " + end));
    }

    /**
     * A space with room for the request (the named one, else the first allocatable one by id), if the site's
     * capacity in startups also allows it.
     */
    private Optional<UUID> findRoom(Site site, UUID spaceId, UUID startupId, int seats, LocalDate start, LocalDate end) {
        if (spaceId != null) {
            return use(site, spaceId, startupId, start, end).filter(use -> fits(site, use, seats)).map(use -> spaceId);
        }
        allocations.flush(); // the allocations this transaction made, which the queries must count
        if (site.hostingCapacity != null
                && allocations.maxOtherStartupsHosted(site.id, startupId, start, end) + 1 > site.hostingCapacity) {
            return Optional.empty();
        }
        for (Space space : Space.<Space>list("siteId = ?1 and allocatable = true", Sort.by("id"), site.id)) {
            if (allocations.maxSeatsUsed(space.id, start, end) + seats <= space.seats) {
                return Optional.of(space.id);
            }
        }
        return Optional.empty();
    }

    /** The space and what is held in it and at its site over the period: one query, under the site's lock. */
    private Optional<AllocationRepository.SpaceUse> use(Site site, UUID spaceId, UUID startupId, LocalDate start,
            LocalDate end) {
        allocations.flush(); // the allocations this transaction made, which the query must count
        return allocations.use(site.id, spaceId, startupId, start, end, site.hostingCapacity != null);
    }

    /** Whether {@code seats} more fit in the space, and one more startup at the site, over the period measured. */
    private static boolean fits(Site site, AllocationRepository.SpaceUse use, int seats) {
        return (site.hostingCapacity == null || use.maxOtherStartupsHosted() + 1 <= site.hostingCapacity)
                && use.maxSeatsUsed() + seats <= use.seats();
    }

    private Allocation persist(Site site, UUID spaceId, UUID startupId, int seats, LocalDate start, LocalDate end,
            UUID applicationId) {
        Allocation a = new Allocation();
        a.id = Ids.newId();
        a.siteId = site.id;
        a.spaceId = spaceId;
        a.startupId = startupId;
        a.seats = seats;
        a.startDate = start;
        a.endDate = end;
        a.status = Allocation.Status.ACTIVE;
        a.applicationId = applicationId;
        a.createdAt = SpaceService.now();
        allocations.persist(a); // inserted at the next read of the allocations or at the commit
        known(site).granted(spaceId, seats, start, end);
        return a;
    }

    private static HostingDecided decided(Site site, Allocation a, UUID waitlistEntryId) {
        return new HostingDecided(a.id, waitlistEntryId, a.applicationId, a.startupId, site.id, site.code, a.spaceId,
                a.seats, a.startDate, a.endDate);
    }

    static void validatePeriod(LocalDate start, LocalDate end) {
        if (end != null && !end.isAfter(start)) {
            throw ApiException.invalid("endDate", "must be after startDate");
        }
    }
}
