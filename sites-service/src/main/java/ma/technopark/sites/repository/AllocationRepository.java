package ma.technopark.sites.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.query.PageQuery;
import ma.technopark.sites.Allocation;

/**
 * Capacity queries over active allocations. The most seats (or startups) in use at any instant of a period
 * is reached at the period's start or at the start of an allocation inside it, so those are the only
 * instants to check. Each part has its B-tree (V3): the starts inside a period by start date, the allocations
 * holding a day by end date, so that neither visits the allocations that ended before the period.
 */
@ApplicationScoped
public class AllocationRepository implements PanacheRepositoryBase<Allocation, UUID> {

    /**
     * Has PostgreSQL keep one plan of each capacity query for this transaction's connection instead of planning it
     * again on every execution. Its default ({@code plan_cache_mode = auto}) costs the generic plan above the
     * ones made for each execution's values and so never keeps it: each decision spent 0.6-1.3 ms planning the
     * query against 0.3-0.5 ms running it, under the site's lock (EXPLAIN at 250 allocations at the site; the
     * generic plan ran in 0.30 ms). The setting ends with the transaction.
     */
    public void planOnce() {
        getEntityManager().createNativeQuery("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)").getSingleResult();
    }

    /** The most seats of space {@code :space} held at any day of [:from, :to) (to null: open-ended). */
    private static final String SEATS_USED = """
            SELECT coalesce(max(used), 0) FROM (
              SELECT (SELECT coalesce(sum(a.seats), 0) FROM allocation a
                      WHERE a.space_id = :space AND a.status = 'ACTIVE' AND coalesce(a.end_date, 'infinity') > p.day
                        AND a.start_date <= p.day) AS used
              FROM (SELECT CAST(:from AS date) AS day
                    UNION SELECT start_date FROM allocation
                    WHERE space_id = :space AND status = 'ACTIVE' AND start_date > :from
                      AND (CAST(:to AS date) IS NULL OR start_date < :to)) p) x""";

    /** The most startups other than {@code :startup} hosted at site {@code :site} on any day of [:from, :to). */
    private static final String OTHER_STARTUPS_HOSTED = """
            SELECT coalesce(max(hosted), 0) FROM (
              SELECT (SELECT count(DISTINCT a.startup_id) FROM allocation a
                      WHERE a.site_id = :site AND a.status = 'ACTIVE' AND coalesce(a.end_date, 'infinity') > p.day
                        AND a.start_date <= p.day AND a.startup_id <> :startup) AS hosted
              FROM (SELECT CAST(:from AS date) AS day
                    UNION SELECT start_date FROM allocation
                    WHERE site_id = :site AND status = 'ACTIVE' AND start_date > :from
                      AND (CAST(:to AS date) IS NULL OR start_date < :to)) p) x""";

    /** The most seats of the space held at any day of [from, to) (to null: open-ended). */
    public int maxSeatsUsed(UUID spaceId, LocalDate from, LocalDate to) {
        Number n = (Number) getEntityManager().createNativeQuery(SEATS_USED)
                .setParameter("space", spaceId).setParameter("from", from).setParameter("to", to).getSingleResult();
        return n.intValue();
    }

    /** The most startups other than {@code startupId} hosted at the site on any day of [from, to). */
    public int maxOtherStartupsHosted(UUID siteId, UUID startupId, LocalDate from, LocalDate to) {
        Number n = (Number) getEntityManager().createNativeQuery(OTHER_STARTUPS_HOSTED).setParameter("site", siteId)
                .setParameter("startup", startupId).setParameter("from", from).setParameter("to", to).getSingleResult();
        return n.intValue();
    }

    /** A space and what is held over a period, as one decision needs them (see {@link #use}). */
    public record SpaceUse(UUID siteId, boolean allocatable, int seats, int maxSeatsUsed, int maxOtherStartupsHosted) {
    }

    /**
     * The space (its site, whether it is allocatable, its seats) with {@link #maxSeatsUsed} and, when
     * {@code countStartups}, {@link #maxOtherStartupsHosted} at {@code siteId}, in one round trip: a decision
     * takes it while it holds its site's lock, which every other decision at the site waits for. Empty when there
     * is no such space.
     */
    public Optional<SpaceUse> use(UUID siteId, UUID spaceId, UUID startupId, LocalDate from, LocalDate to,
            boolean countStartups) {
        var query = getEntityManager().createNativeQuery("SELECT s.site_id, s.allocatable, s.seats, (" + SEATS_USED
                + "), " + (countStartups ? "(" + OTHER_STARTUPS_HOSTED + ")" : "0") + " FROM space s WHERE s.id = :space")
                .setParameter("space", spaceId).setParameter("from", from).setParameter("to", to);
        if (countStartups) {
            query.setParameter("site", siteId).setParameter("startup", startupId);
        }
        List<?> rows = query.getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new SpaceUse((UUID) row[0], (Boolean) row[1], ((Number) row[2]).intValue(),
                ((Number) row[3]).intValue(), ((Number) row[4]).intValue()));
    }

    public Optional<Allocation> byApplication(UUID applicationId) {
        return find("applicationId", applicationId).firstResultOptional();
    }

    public Page<Allocation> page(UUID siteId, UUID spaceId, UUID startupId, Allocation.Status status, PageRequest page) {
        return new PageQuery().where("siteId", siteId).where("spaceId", spaceId).where("startupId", startupId)
                .where("status", status).page(this::find, page, a -> a.id);
    }
}
