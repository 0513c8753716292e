package ma.technopark.startups.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.technopark.platform.types.Money;
import ma.technopark.startups.Startup;
import ma.technopark.startups.rest.StartupFiguresView;

/**
 * The network's startup figures, always computed from the records (no stored headline figure). For one site:
 * residencies at that site, and beneficiaries, revenue and jobs of the startups whose home site it is.
 */
@ApplicationScoped
public class FiguresService {
    private final EntityManager em;

    public FiguresService(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public StartupFiguresView figures(String siteCode) {
        int year = LocalDate.now(ZoneId.of("Africa/Casablanca")).getYear() - 1;
        String residencySite = siteCode == null ? "" : " AND site_code = :site";
        String homeSite = siteCode == null ? "" : " AND s.home_site_code = :site";
        long accompanied = count("SELECT count(DISTINCT startup_id) FROM residency WHERE 1 = 1" + residencySite, siteCode);
        long residents = count("SELECT count(*) FROM residency WHERE status IN ('ADMITTED', 'RESIDENT')" + residencySite, siteCode);
        var byKindQuery = em.createNativeQuery("SELECT s.kind, count(*) FROM startup s WHERE 1 = 1" + homeSite + " GROUP BY s.kind");
        if (siteCode != null) {
            byKindQuery.setParameter("site", siteCode);
        }
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (Startup.Kind kind : Startup.Kind.values()) {
            byKind.put(kind.name(), 0L);
        }
        for (Object[] row : (List<Object[]>) byKindQuery.getResultList()) {
            byKind.put((String) row[0], ((Number) row[1]).longValue());
        }
        var revenueQuery = em.createNativeQuery("SELECT coalesce(sum(k.revenue_mad), 0) FROM kpi_report k JOIN startup s ON s.id = k.startup_id"
                + " WHERE k.year = :year" + homeSite).setParameter("year", year);
        var employeesQuery = em.createNativeQuery("""
                SELECT coalesce(sum(latest.employees), 0) FROM (
                  SELECT DISTINCT ON (k.startup_id) k.employees FROM kpi_report k JOIN startup s ON s.id = k.startup_id
                  WHERE 1 = 1""" + homeSite + " ORDER BY k.startup_id, k.year DESC, k.quarter DESC) latest");
        if (siteCode != null) {
            revenueQuery.setParameter("site", siteCode);
            employeesQuery.setParameter("site", siteCode);
        }
        BigDecimal revenue = (BigDecimal) revenueQuery.getSingleResult();
        long employees = ((Number) employeesQuery.getSingleResult()).longValue();
        return new StartupFiguresView(siteCode, accompanied, residents, byKind, year,
                Money.mad(revenue.setScale(2, java.math.RoundingMode.UNNECESSARY)), employees);
    }

    private long count(String sql, String siteCode) {
        var query = em.createNativeQuery(sql);
        if (siteCode != null) {
            query.setParameter("site", siteCode);
        }
        return ((Number) query.getSingleResult()).longValue();
    }
}
