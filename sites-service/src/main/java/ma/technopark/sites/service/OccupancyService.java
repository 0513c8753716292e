package ma.technopark.sites.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.sites.Site;
import ma.technopark.sites.rest.NetworkOccupancyView;
import ma.technopark.sites.rest.OccupancyView;

/**
 * Occupancy per site and space type, for today or for each day of a period. A released allocation counts on
 * the days before its release, so the history does not change when seats are freed. Seats are the spaces'
 * current seats.
 */
@ApplicationScoped
public class OccupancyService {
    private final SiteService sites;
    private final EntityManager em;

    public OccupancyService(SiteService sites, EntityManager em) {
        this.sites = sites;
        this.em = em;
    }

    public OccupancyView today(UUID siteId) {
        LocalDate today = LocalDate.now(SpaceService.LOCAL);
        OccupancyView view = history(siteId, today, today).get(0);
        Number present = (Number) em.createNativeQuery(
                "SELECT count(*) FROM nomad_visit WHERE site_id = ?1 AND checked_out_at IS NULL")
                .setParameter(1, siteId).getSingleResult();
        return new OccupancyView(view.siteId(), view.date(), view.hostingCapacity(), view.startupsHosted(), view.byType(),
                new OccupancyView.Nomads(view.nomads().seats(), view.nomads().passesValid(), present.intValue()),
                view.bookings());
    }

    @SuppressWarnings("unchecked")
    public List<OccupancyView> history(UUID siteId, LocalDate from, LocalDate to) {
        Site site = sites.get(siteId);
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > 366) {
            throw ApiException.invalid("to", "must be on or after from, and within 366 days of it");
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT CAST(d AS date) AS day, s.type, count(*), sum(s.seats),
                       coalesce(sum((SELECT sum(a.seats) FROM allocation a WHERE a.space_id = s.id
                          AND a.period @> CAST(d AS date)
                          AND (a.status = 'ACTIVE'
                               OR CAST(d AS date) < CAST(a.released_at AT TIME ZONE 'Africa/Casablanca' AS date)))), 0)
                FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') d
                JOIN space s ON s.site_id = :site
                GROUP BY 1, 2 ORDER BY 1, 2
                """).setParameter("from", from).setParameter("to", to).setParameter("site", siteId).getResultList();
        List<Object[]> daily = em.createNativeQuery("""
                SELECT CAST(d AS date),
                  (SELECT count(DISTINCT a.startup_id) FROM allocation a WHERE a.site_id = :site AND a.period @> CAST(d AS date)
                     AND (a.status = 'ACTIVE' OR CAST(d AS date) < CAST(a.released_at AT TIME ZONE 'Africa/Casablanca' AS date))),
                  (SELECT count(*) FROM nomad_pass n WHERE n.site_id = :site AND n.status = 'ACTIVE' AND n.validity @> CAST(d AS date)),
                  (SELECT count(*) FROM booking b WHERE b.site_id = :site AND b.status = 'CONFIRMED'
                     AND CAST(b.starts_at AT TIME ZONE 'Africa/Casablanca' AS date) = CAST(d AS date))
                FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') d ORDER BY 1
                """).setParameter("from", from).setParameter("to", to).setParameter("site", siteId).getResultList();
        Map<LocalDate, List<OccupancyView.ByType>> byDay = new LinkedHashMap<>();
        for (Object[] r : rows) {
            int seats = ((Number) r[3]).intValue();
            int allocated = ((Number) r[4]).intValue();
            byDay.computeIfAbsent(toDate(r[0]), d -> new ArrayList<>()).add(new OccupancyView.ByType((String) r[1],
                    ((Number) r[2]).intValue(), seats, allocated, rate(allocated, seats)));
        }
        List<OccupancyView> views = new ArrayList<>();
        for (Object[] r : daily) {
            LocalDate day = toDate(r[0]);
            views.add(new OccupancyView(site.id, day, site.hostingCapacity, ((Number) r[1]).intValue(),
                    byDay.getOrDefault(day, List.of()),
                    new OccupancyView.Nomads(site.nomadSeats, ((Number) r[2]).intValue(), null), ((Number) r[3]).intValue()));
        }
        return views;
    }

    /** Today's occupancy of every operational site, added up in the database. */
    @SuppressWarnings("unchecked")
    public NetworkOccupancyView network() {
        LocalDate today = LocalDate.now(SpaceService.LOCAL);
        List<Object[]> types = em.createNativeQuery("""
                SELECT s.type, count(*), sum(s.seats),
                       coalesce(sum((SELECT sum(a.seats) FROM allocation a WHERE a.space_id = s.id AND a.status = 'ACTIVE'
                                     AND a.period @> CAST(:day AS date))), 0)
                FROM space s JOIN site ON site.id = s.site_id AND site.status = 'OPERATIONAL'
                GROUP BY 1 ORDER BY 1
                """).setParameter("day", today).getResultList();
        Object[] totals = (Object[]) em.createNativeQuery("""
                SELECT count(*), coalesce(sum(hosting_capacity), 0), coalesce(sum(nomad_seats), 0),
                  (SELECT count(DISTINCT a.startup_id) FROM allocation a JOIN site s ON s.id = a.site_id
                     AND s.status = 'OPERATIONAL' WHERE a.status = 'ACTIVE' AND a.period @> CAST(:day AS date)),
                  (SELECT count(*) FROM nomad_pass n JOIN site s ON s.id = n.site_id AND s.status = 'OPERATIONAL'
                     WHERE n.status = 'ACTIVE' AND n.validity @> CAST(:day AS date)),
                  (SELECT count(*) FROM nomad_visit v JOIN site s ON s.id = v.site_id AND s.status = 'OPERATIONAL'
                     WHERE v.checked_out_at IS NULL),
                  (SELECT count(*) FROM booking b JOIN site s ON s.id = b.site_id AND s.status = 'OPERATIONAL'
                     WHERE b.status = 'CONFIRMED' AND CAST(b.starts_at AT TIME ZONE 'Africa/Casablanca' AS date) = CAST(:day AS date)),
                  count(*) FILTER (WHERE hosting_capacity IS NULL),
                  (SELECT coalesce(sum(hosted), 0) FROM (SELECT count(DISTINCT a.startup_id) AS hosted FROM allocation a
                     JOIN site s ON s.id = a.site_id AND s.status = 'OPERATIONAL' AND s.hosting_capacity IS NOT NULL
                     WHERE a.status = 'ACTIVE' AND a.period @> CAST(:day AS date) GROUP BY a.site_id) h)
                FROM site WHERE status = 'OPERATIONAL'
                """).setParameter("day", today).getSingleResult();
        List<OccupancyView.ByType> byType = new ArrayList<>();
        int seats = 0;
        int allocated = 0;
        for (Object[] r : types) {
            int typeSeats = ((Number) r[2]).intValue();
            int typeAllocated = ((Number) r[3]).intValue();
            seats += typeSeats;
            allocated += typeAllocated;
            byType.add(new OccupancyView.ByType((String) r[0], ((Number) r[1]).intValue(), typeSeats, typeAllocated,
                    rate(typeAllocated, typeSeats)));
        }
        return new NetworkOccupancyView(today, ((Number) totals[0]).intValue(), ((Number) totals[1]).intValue(),
                ((Number) totals[7]).intValue(), ((Number) totals[3]).intValue(), ((Number) totals[8]).intValue(), seats,
                allocated, rate(allocated, seats), byType,
                new OccupancyView.Nomads(((Number) totals[2]).intValue(), ((Number) totals[4]).intValue(),
                        ((Number) totals[5]).intValue()),
                ((Number) totals[6]).intValue());
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static BigDecimal rate(int used, int seats) {
        return seats == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(used).divide(BigDecimal.valueOf(seats), 4, RoundingMode.HALF_UP);
    }
}
