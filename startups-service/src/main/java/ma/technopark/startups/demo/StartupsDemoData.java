package ma.technopark.startups.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import ma.technopark.demo.DemoData;
import ma.technopark.demo.DemoNetwork;

/**
 * startups-service's part of the demo data set: the startups and project holders, their applications (accepted,
 * rejected, withdrawn, pending), residencies (current and ended), quarterly KPI reports, and the history of the
 * programmes they completed.
 */
@ApplicationScoped
public class StartupsDemoData {
    private final DemoData demo;

    public StartupsDemoData(DemoData demo) {
        this.demo = demo;
    }

    void load(@Observes @Priority(3000) StartupEvent event) {
        demo.loadOnce("startups-service", this::load);
    }

    private int load(Connection c, DemoNetwork network) throws SQLException {
        int n = DemoData.batch(c, """
                INSERT INTO startup (id, kind, legal_name, brand_name, ice, legal_form, sector, stage, status, founding_date,
                  founders, home_site_code, description_fr, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", network.startups(), (ps, s) -> {
                    ps.setObject(1, s.id());
                    ps.setString(2, s.kind());
                    ps.setString(3, s.legalName());
                    ps.setString(4, s.brandName());
                    ps.setString(5, s.ice());
                    ps.setString(6, s.legalForm());
                    ps.setString(7, s.sector());
                    ps.setString(8, s.stage());
                    ps.setString(9, s.status());
                    ps.setObject(10, s.founded());
                    ps.setString(11, s.foundersJson());
                    ps.setString(12, s.homeSite());
                    ps.setString(13, "Entreprise fictive du jeu de données de démonstration.");
                    ps.setObject(14, DemoData.at(s.createdAt()));
                    ps.setObject(15, DemoData.at(s.createdAt()));
                });
        n += DemoData.batch(c, """
                INSERT INTO application (id, startup_id, site_code, seats, status, hosting, decision_reason, decided_by,
                  decided_at, submitted_at, created_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", network.applications(), (ps, a) -> {
                    ps.setObject(1, a.id());
                    ps.setObject(2, a.startupId());
                    ps.setString(3, a.siteCode());
                    ps.setInt(4, a.seats());
                    ps.setString(5, a.status());
                    ps.setString(6, a.hosting());
                    ps.setString(7, a.reason());
                    ps.setString(8, a.decidedAt() == null ? null : "comite-demo@example.org");
                    ps.setObject(9, DemoData.at(a.decidedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(10, DemoData.at(a.submittedAt()));
                    ps.setObject(11, DemoData.at(a.createdAt()));
                });
        n += DemoData.batch(c, """
                INSERT INTO residency (id, application_id, startup_id, site_code, allocation_id, seats, status, admitted_at,
                  ended_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", network.residencies(), (ps, r) -> {
                    ps.setObject(1, r.id());
                    ps.setObject(2, r.applicationId());
                    ps.setObject(3, r.startupId());
                    ps.setString(4, r.siteCode());
                    ps.setObject(5, r.allocationId());
                    ps.setInt(6, r.seats());
                    ps.setString(7, r.status());
                    ps.setObject(8, DemoData.at(r.admittedAt()));
                    ps.setObject(9, DemoData.at(r.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                });
        n += DemoData.batch(c, """
                INSERT INTO kpi_report (id, startup_id, year, quarter, revenue_mad, employees, funds_raised_mad, customers,
                  created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", network.kpiReports(), (ps, k) -> {
                    Instant at = java.time.LocalDate.of(k.year(), k.quarter() * 3, 28).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
                    ps.setObject(1, k.id());
                    ps.setObject(2, k.startupId());
                    ps.setInt(3, k.year());
                    ps.setInt(4, k.quarter());
                    ps.setBigDecimal(5, k.revenue());
                    ps.setInt(6, k.employees());
                    ps.setBigDecimal(7, k.fundsRaised());
                    ps.setInt(8, k.customers());
                    ps.setObject(9, DemoData.at(at));
                    ps.setObject(10, DemoData.at(at));
                });
        Map<java.util.UUID, DemoNetwork.Cohort> cohorts = network.cohorts().stream()
                .collect(Collectors.toMap(DemoNetwork.Cohort::id, Function.identity()));
        Map<java.util.UUID, DemoNetwork.Programme> programmes = network.programmes().stream()
                .collect(Collectors.toMap(DemoNetwork.Programme::id, Function.identity()));
        n += DemoData.batch(c, """
                INSERT INTO programme_completion (enrolment_id, startup_id, programme_id, programme_code, programme_name,
                  cohort_id, site_code, completed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                network.enrolments().stream().filter(e -> e.status().equals("COMPLETED")).toList(), (ps, e) -> {
                    DemoNetwork.Cohort cohort = cohorts.get(e.cohortId());
                    DemoNetwork.Programme programme = programmes.get(cohort.programmeId());
                    ps.setObject(1, e.id());
                    ps.setObject(2, e.startupId());
                    ps.setObject(3, programme.id());
                    ps.setString(4, programme.code());
                    ps.setString(5, programme.nameFr());
                    ps.setObject(6, cohort.id());
                    ps.setString(7, cohort.siteCode());
                    ps.setObject(8, DemoData.at(cohort.end().atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
                });
        return n;
    }
}
