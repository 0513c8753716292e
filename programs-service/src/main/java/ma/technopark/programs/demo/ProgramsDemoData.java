package ma.technopark.programs.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.technopark.demo.DemoData;
import ma.technopark.demo.DemoNetwork;

/**
 * programs-service's part of the demo data set: partners, the two conventions, programmes and their cohorts since
 * 2019, the enrolments that make the network's beneficiaries, and this service's copy of the startups (which
 * startups-service's events would otherwise bring).
 */
@ApplicationScoped
public class ProgramsDemoData {
    private final DemoData demo;

    public ProgramsDemoData(DemoData demo) {
        this.demo = demo;
    }

    void load(@Observes @Priority(3000) StartupEvent event) {
        demo.loadOnce("programs-service", this::load);
    }

    private int load(Connection c, DemoNetwork network) throws SQLException {
        Instant now = Instant.now();
        int n = DemoData.batch(c, """
                INSERT INTO startup_replica (id, kind, brand_name, sector, stage, status, home_site_code, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING""", network.startups(), (ps, s) -> {
                    ps.setObject(1, s.id());
                    ps.setString(2, s.kind());
                    ps.setString(3, s.brandName());
                    ps.setString(4, s.sector());
                    ps.setString(5, s.stage());
                    ps.setString(6, s.status());
                    ps.setString(7, s.homeSite());
                    ps.setObject(8, DemoData.at(s.createdAt()));
                });
        n += DemoData.batch(c, "INSERT INTO partner (id, name, kind, contact_email, created_at, version) VALUES (?, ?, ?, ?, ?, 0)",
                network.partners(), (ps, p) -> {
                    ps.setObject(1, p.id());
                    ps.setString(2, p.name());
                    ps.setString(3, p.kind());
                    ps.setString(4, "contact-" + p.kind().toLowerCase() + "@example.org");
                    ps.setObject(5, DemoData.at(now));
                });
        n += DemoData.batch(c, """
                INSERT INTO convention (id, title, object, site_code, signature_date, start_date, end_date, budget_mad,
                  target_beneficiaries, created_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", network.conventions(), (ps, v) -> {
                    ps.setObject(1, v.id());
                    ps.setString(2, v.title());
                    ps.setString(3, v.subject());
                    ps.setString(4, v.siteCode());
                    ps.setObject(5, v.signed());
                    ps.setObject(6, v.start());
                    ps.setObject(7, v.end());
                    ps.setBigDecimal(8, v.budget());
                    ps.setInt(9, v.target());
                    ps.setObject(10, DemoData.at(now));
                });
        List<UUID[]> parties = new ArrayList<>();
        network.conventions().forEach(v -> v.partners().forEach(p -> parties.add(new UUID[] {v.id(), p})));
        n += DemoData.batch(c, "INSERT INTO convention_party (convention_id, partner_id) VALUES (?, ?)", parties, (ps, p) -> {
            ps.setObject(1, p[0]);
            ps.setObject(2, p[1]);
        });
        n += DemoData.batch(c, """
                INSERT INTO programme (id, code, name_fr, kind, duration_months, eligible_stages, site_codes, status,
                  description_fr, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PUBLISHED', ?, ?, ?, 0)""", network.programmes(), (ps, p) -> {
                    ps.setObject(1, p.id());
                    ps.setString(2, p.code());
                    ps.setString(3, p.nameFr());
                    ps.setString(4, p.kind());
                    ps.setInt(5, p.months());
                    ps.setArray(6, DemoData.texts(c, p.stages()));
                    ps.setArray(7, DemoData.texts(c, p.siteCodes()));
                    ps.setString(8, "Programme fictif du jeu de données de démonstration.");
                    ps.setObject(9, DemoData.at(now));
                    ps.setObject(10, DemoData.at(now));
                });
        List<UUID[]> funding = new ArrayList<>();
        network.programmes().forEach(p -> p.conventions().forEach(v -> funding.add(new UUID[] {p.id(), v})));
        n += DemoData.batch(c, "INSERT INTO programme_funding (programme_id, convention_id) VALUES (?, ?)", funding, (ps, f) -> {
            ps.setObject(1, f[0]);
            ps.setObject(2, f[1]);
        });
        n += DemoData.batch(c, """
                INSERT INTO cohort (id, programme_id, name, site_code, start_date, end_date, capacity, status, created_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", network.cohorts(), (ps, k) -> {
                    ps.setObject(1, k.id());
                    ps.setObject(2, k.programmeId());
                    ps.setString(3, k.name());
                    ps.setString(4, k.siteCode());
                    ps.setObject(5, k.start());
                    ps.setObject(6, k.end());
                    ps.setInt(7, k.capacity());
                    ps.setString(8, k.status());
                    ps.setObject(9, DemoData.at(k.start().minusMonths(2).atStartOfDay().toInstant(ZoneOffset.UTC)));
                });
        n += DemoData.batch(c, """
                INSERT INTO enrolment (id, cohort_id, startup_id, status, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, 0)""", network.enrolments(), (ps, e) -> {
                    ps.setObject(1, e.id());
                    ps.setObject(2, e.cohortId());
                    ps.setObject(3, e.startupId());
                    ps.setString(4, e.status());
                    ps.setObject(5, DemoData.at(e.createdAt()));
                    ps.setObject(6, DemoData.at(e.createdAt()));
                });
        return n;
    }
}
