package ma.technopark.startups.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.persistence.UniqueViolation;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.problem.Problem;
import ma.technopark.startups.KpiReport;
import ma.technopark.startups.Residency;
import ma.technopark.startups.Startup;
import ma.technopark.startups.rest.KpiReportRequest;

/**
 * Quarterly KPI reports: one per startup and complete quarter, corrected with If-Match. A quarter is overdue
 * when it is complete, falls within one of the startup's residencies, and has no report.
 */
@ApplicationScoped
public class KpiService {
    private static final ZoneId LOCAL = ZoneId.of("Africa/Casablanca");

    private final StartupService startups;
    private final DomainEvents events;

    public KpiService(StartupService startups, DomainEvents events) {
        this.startups = startups;
        this.events = events;
    }

    public List<KpiReport> list(UUID startupId) {
        startups.get(startupId);
        return KpiReport.list("startupId", Sort.by("year").and("quarter"), startupId);
    }

    public KpiReport get(UUID startupId, UUID id) {
        startups.get(startupId);
        KpiReport report = KpiReport.findById(id);
        if (report == null || !report.startupId.equals(startupId)) {
            throw ApiException.notFound("KPI report", id);
        }
        return report;
    }

    @Transactional
    public KpiReport report(UUID startupId, KpiReportRequest r) {
        Startup startup = startups.get(startupId);
        requireComplete(r.year(), r.quarter());
        KpiReport k = new KpiReport();
        k.id = Ids.newId();
        k.startupId = startup.id;
        k.year = r.year();
        k.quarter = r.quarter();
        k.createdAt = StartupService.now();
        apply(k, r);
        k.persist();
        // a quarter is reported once: the database's unique constraint decides (no query before the write)
        UniqueViolation.flush(() -> new ApiException(409, "period-reported",
                "Conflict", "The " + r.year() + "-Q" + r.quarter() + " report exists; correct it with PUT and If-Match",
                List.of(new Problem.FieldError("quarter", "is already reported"))),
                "kpi_report_startup_id_year_quarter_key");
        published(startup, k);
        return k;
    }

    @Transactional
    public KpiReport correct(UUID startupId, UUID id, long expectedVersion, KpiReportRequest r) {
        KpiReport k = get(startupId, id);
        Preconditions.check(expectedVersion, k.version);
        if (k.year != r.year() || k.quarter != r.quarter()) {
            throw ApiException.invalid("quarter", "a correction keeps the report's period");
        }
        apply(k, r);
        k.flush();
        published(Startup.findById(startupId), k);
        return k;
    }

    /** Complete quarters within the startup's residencies that have no report, oldest first. */
    public List<String> overdue(UUID startupId) {
        startups.get(startupId);
        Set<String> reported = new HashSet<>();
        for (KpiReport k : KpiReport.<KpiReport>list("startupId", startupId)) {
            reported.add(k.year + "-Q" + k.quarter);
        }
        LocalDate lastCompleteEnd = quarterStart(LocalDate.now(LOCAL));
        Set<String> due = new java.util.TreeSet<>();
        for (Residency r : Residency.<Residency>list("startupId", startupId)) {
            LocalDate end = r.endedAt == null ? lastCompleteEnd : min(lastCompleteEnd, r.endedAt.atZoneSameInstant(LOCAL).toLocalDate());
            for (LocalDate q = quarterStart(r.admittedAt.atZoneSameInstant(LOCAL).toLocalDate()); q.isBefore(end); q = q.plusMonths(3)) {
                String period = q.getYear() + "-Q" + ((q.getMonthValue() - 1) / 3 + 1);
                if (!reported.contains(period)) {
                    due.add(period);
                }
            }
        }
        return new ArrayList<>(due);
    }

    private void published(Startup startup, KpiReport k) {
        events.record("startups.kpi.reported", k.id, Map.of("reportId", k.id, "startupId", k.startupId,
                "homeSiteCode", startup.homeSiteCode == null ? "" : startup.homeSiteCode, "year", k.year, "quarter", k.quarter,
                "revenue", Map.of("amount", k.revenueMad.toPlainString(), "currency", "MAD"), "employees", k.employees,
                "fundsRaised", Map.of("amount", k.fundsRaisedMad.toPlainString(), "currency", "MAD"), "customers", k.customers));
    }

    private static void apply(KpiReport k, KpiReportRequest r) {
        k.revenueMad = r.revenue().value();
        k.employees = r.employees();
        k.fundsRaisedMad = r.fundsRaised().value();
        k.customers = r.customers();
        k.updatedAt = StartupService.now();
        if (k.revenueMad.signum() < 0 || k.fundsRaisedMad.signum() < 0) {
            throw ApiException.invalid(k.revenueMad.signum() < 0 ? "revenue.amount" : "fundsRaised.amount", "must not be negative");
        }
    }

    private static void requireComplete(int year, int quarter) {
        LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        if (start.plusMonths(3).isAfter(LocalDate.now(LOCAL))) {
            throw ApiException.invalid("quarter", "only a complete quarter is reported");
        }
    }

    private static LocalDate quarterStart(LocalDate d) {
        return LocalDate.of(d.getYear(), ((d.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
