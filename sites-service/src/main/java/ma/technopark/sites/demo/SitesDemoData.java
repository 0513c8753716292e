package ma.technopark.sites.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.demo.DemoData;
import ma.technopark.demo.DemoNetwork;

/**
 * sites-service's part of the demo data set: spaces at each operational site of the reference network, and the
 * allocations that hold the current residents' seats (their ids are the ones startups-service's residencies name).
 * Runs after the reference network is loaded.
 */
@ApplicationScoped
public class SitesDemoData {
    private final DemoData demo;

    public SitesDemoData(DemoData demo) {
        this.demo = demo;
    }

    void load(@Observes @Priority(3000) StartupEvent event) {
        demo.loadOnce("sites-service", this::load);
    }

    private int load(Connection c, DemoNetwork network) throws SQLException {
        Map<String, UUID> sites = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, id FROM site WHERE code = ANY (?)")) {
            ps.setArray(1, DemoData.texts(c, DemoNetwork.operationalSites()));
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                sites.put(rs.getString(1), rs.getObject(2, UUID.class));
            }
        }
        Map<String, Integer> seats = new HashMap<>();
        network.residencies().stream().filter(DemoNetwork.Residency::current)
                .forEach(r -> seats.merge(r.siteCode(), r.seats(), Integer::sum));
        record Space(UUID id, UUID site, String name, String type, int seats, boolean bookable, boolean allocatable) {
        }
        Map<String, UUID> workspace = new HashMap<>();
        List<Space> spaces = new java.util.ArrayList<>();
        for (String code : DemoNetwork.operationalSites()) {
            UUID site = sites.get(code);
            if (site == null) {
                continue; // the reference network is switched off: no demo spaces for a site that is not there
            }
            UUID open = id(network, code + "/open");
            workspace.put(code, open);
            spaces.add(new Space(open, site, "Plateau incubation (démo)", "OPEN_WORKSPACE", seats.getOrDefault(code, 0) + 20, false, true));
            spaces.add(new Space(id(network, code + "/training"), site, "Salle de formation (démo)", "TRAINING_ROOM", 30, true, false));
            spaces.add(new Space(id(network, code + "/meeting"), site, "Salle de réunion (démo)", "MEETING_ROOM", 10, true, false));
        }
        Instant now = Instant.now();
        int n = DemoData.batch(c, """
                INSERT INTO space (id, site_id, name, type, seats, area_m2, bookable, allocatable, amenities, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", spaces, (ps, s) -> {
                    ps.setObject(1, s.id());
                    ps.setObject(2, s.site());
                    ps.setString(3, s.name());
                    ps.setString(4, s.type());
                    ps.setInt(5, s.seats());
                    ps.setBigDecimal(6, java.math.BigDecimal.valueOf(Math.max(20, s.seats() * 4L)));
                    ps.setBoolean(7, s.bookable());
                    ps.setBoolean(8, s.allocatable());
                    ps.setArray(9, DemoData.texts(c, List.of("wifi", "climatisation")));
                    ps.setObject(10, DemoData.at(now));
                    ps.setObject(11, DemoData.at(now));
                });
        List<DemoNetwork.Residency> current = network.residencies().stream()
                .filter(r -> r.current() && workspace.containsKey(r.siteCode())).toList();
        n += DemoData.batch(c, """
                INSERT INTO allocation (id, site_id, space_id, startup_id, seats, start_date, status, application_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)""", current, (ps, r) -> {
                    ps.setObject(1, r.allocationId());
                    ps.setObject(2, sites.get(r.siteCode()));
                    ps.setObject(3, workspace.get(r.siteCode()));
                    ps.setObject(4, r.startupId());
                    ps.setInt(5, r.seats());
                    ps.setObject(6, r.startDate());
                    ps.setObject(7, r.applicationId());
                    ps.setObject(8, DemoData.at(r.admittedAt()));
                });
        return n;
    }

    private static UUID id(DemoNetwork network, String key) {
        return UUID.nameUUIDFromBytes((network.seed() + "/" + key).getBytes(StandardCharsets.UTF_8));
    }
}
