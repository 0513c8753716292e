package ma.technopark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Infra;

/** What the scenarios set up through the services' own APIs (and the database connections they check with). */
final class Fixtures {
    static final String ADMIN = DevTokens.subject("bench-admin").groups("admin").lifetime(java.time.Duration.ofHours(12)).sign();

    private Fixtures() {
    }

    /** An operational site, registered and opened by an admin on sites-service. */
    static JsonNode operationalSite(String sites, String code, int hostingCapacity) {
        JsonNode site = Load.create(sites + "/api/v1/sites", ADMIN, """
                {"code": "%s", "name": {"fr": "Technopark banc d'essai"}, "city": "Essaouira", "region": "MARRAKECH_SAFI",
                 "kind": "TECHNOPARK", "hostingCapacity": %d}""".formatted(code, hostingCapacity));
        for (String status : List.of("UNDER_CONSTRUCTION", "OPERATIONAL")) {
            Load.create(sites + "/api/v1/sites/" + site.get("id").asText() + "/status", ADMIN, "{\"status\": \"" + status + "\"}");
        }
        return site;
    }

    static String space(String sites, String siteId, String name, String type, int seats, boolean bookable, boolean allocatable) {
        return Load.create(sites + "/api/v1/sites/" + siteId + "/spaces", ADMIN, """
                {"name": "%s", "type": "%s", "seats": %d, "bookable": %s, "allocatable": %s}"""
                .formatted(name, type, seats, bookable, allocatable)).get("id").asText();
    }

    static String startupBody(String name) {
        String ice = String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
        return """
                {"kind": "INCORPORATED_STARTUP", "legalName": "%s SARL", "brandName": "%s", "ice": "%s", "legalForm": "SARL",
                 "sector": "SOFTWARE", "stage": "PROTOTYPE_MVP",
                 "founders": [{"name": "Amine", "email": "amine@example.org", "role": "CEO"}]}""".formatted(name, name, ice);
    }

    static List<String> startups(String startups, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Load.create(startups + "/api/v1/startups", ADMIN, startupBody("Bench " + i)).get("id").asText());
        }
        return ids;
    }

    static Connection db(Infra infra, String database) {
        try {
            return DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Connection c, String sql) {
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** EXPLAIN ANALYZE output of a query, as PostgreSQL prints it. */
    static String explain(Connection c, String sql) {
        StringBuilder b = new StringBuilder("EXPLAIN (ANALYZE, BUFFERS) " + sql + "\n");
        try (var s = c.createStatement(); var rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return b.toString();
    }
}
