package ma.technopark.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import ma.technopark.infra.Platform;

/**
 * Scenario 6: the startups list at 1 thousand, 100 thousand and 1 million rows: the first page, a page from the
 * middle (its cursor), a search on a common name and on a rare one, each timed over many sequential requests
 * on one connection. Rows past the first ones are written by SQL (the API would take an hour for a million);
 * they have the shapes of real ones (names from place and trade words, so searches match realistic shares).
 */
final class Growth {
    static final int[] LEVELS = {1_000, 100_000, 1_000_000};
    static final int REQUESTS = 1000;

    private final Bench bench;

    Growth(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Platform platform = bench.platform();
        String list = platform.app(Platform.STARTUPS).url() + "/api/v1/startups?limit=20";
        Report report = bench.report("growth", "The startups list as it grows");
        Map<Integer, Map<String, Load.Latencies>> results = new LinkedHashMap<>();
        try (Connection db = Fixtures.db(bench.infra(), "startups")) {
            for (int level : LEVELS) {
                long had = Fixtures.count(db, "SELECT count(*) FROM startup");
                long t0 = System.nanoTime();
                insert(db, had, level);
                report.section(level + " rows", "inserted " + (level - had) + " rows in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                String middle = PageCursor.encode(string(db, "SELECT id::text FROM startup ORDER BY id OFFSET " + level / 2 + " LIMIT 1"));
                Map<String, String> queries = new LinkedHashMap<>();
                queries.put("first page", list);
                queries.put("middle page", list + "&cursor=" + middle);
                queries.put("search common (argan)", list + "&q=argan");
                queries.put("search rare (toubkal vision 12)", list + "&q=toubkal%20vision%2012");
                Map<String, Load.Latencies> at = new LinkedHashMap<>();
                for (Map.Entry<String, String> q : queries.entrySet()) {
                    String url = q.getValue();
                    // warm-up (longer before the first level, so that the JIT does not flatter the larger ones)
                    Load.closedLoop(1, Duration.ofSeconds(60), level == LEVELS[0] ? 3000 : 300,
                            (w, n) -> Load.send(Load.get(url, Fixtures.ADMIN)).statusCode());
                    Load.Latencies l = Load.closedLoop(1, Duration.ofSeconds(120), REQUESTS,
                            (w, n) -> Load.send(Load.get(url, Fixtures.ADMIN)).statusCode());
                    at.put(q.getKey(), l);
                    report.section(level + " rows: " + q.getKey(), l.raw(q.getKey()));
                }
                results.put(level, at);
                report.section(level + " rows: query plans", Fixtures.explain(db, "SELECT * FROM startup ORDER BY id LIMIT 21")
                        + "\n" + Fixtures.explain(db, "SELECT * FROM startup WHERE search_text(brand_name || ' ' || coalesce(legal_name, ''))"
                                + " LIKE '%' || search_text('argan') || '%' ORDER BY id LIMIT 21")
                        + "\n" + Fixtures.explain(db, "SELECT * FROM startup WHERE search_text(brand_name || ' ' || coalesce(legal_name, ''))"
                                + " LIKE '%' || search_text('toubkal vision 12') || '%' ORDER BY id LIMIT 21"));
            }
        }
        Map<String, Load.Latencies> small = results.get(LEVELS[0]);
        Map<String, Load.Latencies> large = results.get(LEVELS[2]);
        for (String page : new String[] {"first page", "middle page"}) {
            double a = small.get(page).p(50);
            double b = large.get(page).p(50);
            report.row("6. Startups " + page + " of 20 at 1M rows, p50", String.format("%.2f ms", b),
                    String.format("1k rows %.2f ms (100k %.2f ms)", a, results.get(LEVELS[1]).get(page).p(50)),
                    String.format("%.2f×", b / a), "<= 1.2× the 1k figure", b / a <= 1.2);
        }
        for (String search : new String[] {"search common (argan)", "search rare (toubkal vision 12)"}) {
            double p99 = results.get(LEVELS[1]).get(search).p(99);
            report.row("6. Name " + search + " at 100k rows, p99", String.format("%.2f ms", p99),
                    String.format("1k rows %.2f ms, 1M rows %.2f ms", small.get(search).p(99), large.get(search).p(99)),
                    "", "<= 20 ms", p99 <= 20);
        }
    }

    /** Rows {@code from + 1 .. to}, then fresh statistics. */
    private static void insert(Connection db, long from, long to) throws Exception {
        if (to <= from) {
            return;
        }
        try (Statement s = db.createStatement()) {
            s.execute("""
                    INSERT INTO startup (id, kind, legal_name, brand_name, sector, stage, status, founders, created_at, updated_at, version)
                    SELECT gen_random_uuid(), 'PROJECT_HOLDER', NULL,
                      (ARRAY['Atlas','Argan','Sahara','Médina','Kasbah','Oasis','Riad','Souk','Tafilalt','Zagora','Ifrane','Rif',
                             'Toubkal','Drâa','Sebou','Anfa','Agadir','Safi','Fès','Tanger'])[1 + i %% 20] || ' ' ||
                      (ARRAY['Labs','Tech','Data','Cloud','Pay','Agri','Health','Edu','Mobility','Energy','Robotics','Vision',
                             'Logistics','Media','Games','Solar','Water','Food','Craft','Green','Nexus','Soft','AI'])[1 + (i / 20) %% 23]
                        || ' ' || i,
                      (ARRAY['SOFTWARE','FINTECH','EDTECH','HEALTHTECH','AGRITECH','CLEANTECH','TOURISM_TECH','ECOMMERCE','MEDIA',
                             'INDUSTRY_4_0','LOGISTICS','GOVTECH','CREATIVE_INDUSTRIES','OTHER'])[1 + i %% 14],
                      'IDEA', 'REGISTERED', '[]', now(), now(), 0
                    FROM generate_series(%d, %d) AS i""".formatted(from + 1, to));
            s.execute("VACUUM ANALYZE startup");
        }
    }

    private static String string(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The list's cursor: the last id of a page, base64url (as PageRequest makes it). */
    static final class PageCursor {
        static String encode(String id) {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
