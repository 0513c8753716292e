package ma.technopark.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.technopark.infra.Platform;

/**
 * Scenario 6: the startups list at 1 thousand, 100 thousand and 1 million rows: the first page, a page from the
 * middle (its cursor), a search on a common name and on a rare one, each timed over many sequential requests
 * on one connection. Rows are written by SQL (the API would take an hour for a million); they have the shapes of
 * real ones (names from place and trade words, so searches match realistic shares).
 * <p>
 * The three sizes are compared in the same run, interleaved: each size is a copy of the service's table (same
 * columns, indexes and constraints), and the one being measured is renamed to {@code startup} (PostgreSQL re-plans
 * the service's prepared statements on the renamed table). Rounds visit the sizes in rotated orders, and each
 * figure is the median over the rounds, so neither the JIT's warm-up nor the machine's drift favours one size.
 */
final class Growth {
    static final int[] LEVELS = {1_000, 100_000, 1_000_000};
    static final int REQUESTS = 1000;
    static final int ROUNDS = 3;

    private final Bench bench;

    Growth(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Platform platform = bench.platform();
        String list = platform.app(Platform.STARTUPS).url() + "/api/v1/startups?limit=20";
        Report report = bench.report("growth", "The startups list as it grows");
        // level -> query -> one latency record per round
        Map<Integer, Map<String, List<Load.Latencies>>> results = new LinkedHashMap<>();
        try (Connection db = Fixtures.db(bench.infra(), "startups")) {
            db.setAutoCommit(true);
            Map<Integer, Map<String, String>> queries = new LinkedHashMap<>();
            for (int level : LEVELS) {
                long t0 = System.nanoTime();
                execute(db, "DROP TABLE IF EXISTS " + table(level));
                execute(db, "CREATE TABLE " + table(level) + " (LIKE startup INCLUDING ALL)");
                insert(db, table(level), level);
                report.section(level + " rows", "inserted " + level + " rows into " + table(level) + " in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
                String middle = PageCursor.encode(string(db, "SELECT id::text FROM " + table(level) + " ORDER BY id OFFSET "
                        + level / 2 + " LIMIT 1"));
                Map<String, String> q = new LinkedHashMap<>();
                q.put("first page", list);
                q.put("middle page", list + "&cursor=" + middle);
                q.put("search common (argan)", list + "&q=argan");
                q.put("search rare (toubkal vision 12)", list + "&q=toubkal%20vision%2012");
                queries.put(level, q);
            }
            execute(db, "ALTER TABLE startup RENAME TO startup_service"); // the service's own rows, put back below
            try {
                List<Integer> levels = new ArrayList<>();
                for (int level : LEVELS) {
                    levels.add(level);
                }
                boolean first = true;
                for (int round = 0; round < ROUNDS; round++) {
                    for (int i = 0; i < levels.size(); i++) {
                        int level = levels.get((i + round) % levels.size());
                        execute(db, "ALTER TABLE " + table(level) + " RENAME TO startup");
                        try {
                            checkServes(list, db);
                            for (Map.Entry<String, String> q : queries.get(level).entrySet()) {
                                String url = q.getValue();
                                // warm-up, longer the very first time (the JIT)
                                Load.closedLoop(1, Duration.ofSeconds(60), first ? 3000 : 300,
                                        (w, n) -> Load.send(Load.get(url, Fixtures.ADMIN)).statusCode());
                                first = false;
                                Load.Latencies l = Load.closedLoop(1, Duration.ofSeconds(120), REQUESTS,
                                        (w, n) -> Load.send(Load.get(url, Fixtures.ADMIN)).statusCode());
                                results.computeIfAbsent(level, k -> new LinkedHashMap<>())
                                        .computeIfAbsent(q.getKey(), k -> new ArrayList<>()).add(l);
                                report.section("round " + (round + 1) + ", " + level + " rows: " + q.getKey(), l.raw(q.getKey()));
                            }
                            if (round == 0) {
                                report.section(level + " rows: query plans", plans(db));
                            }
                        } finally {
                            execute(db, "ALTER TABLE startup RENAME TO " + table(level));
                        }
                    }
                }
            } finally {
                execute(db, "ALTER TABLE startup_service RENAME TO startup");
            }
        }
        int small = LEVELS[0];
        int large = LEVELS[2];
        for (String page : new String[] {"first page", "middle page"}) {
            double a = median(results.get(small).get(page), 50);
            double b = median(results.get(large).get(page), 50);
            report.row("6. Startups " + page + " of 20 at 1M rows, p50 (median of " + ROUNDS + " interleaved rounds)",
                    String.format("%.2f ms", b), String.format("1k rows %.2f ms (100k %.2f ms); 1M rounds %s", a,
                            median(results.get(LEVELS[1]).get(page), 50), each(results.get(large).get(page), 50)),
                    String.format("%.2f×", b / a), "<= 1.2× the 1k figure", b / a <= 1.2);
        }
        for (String search : new String[] {"search common (argan)", "search rare (toubkal vision 12)"}) {
            double p99 = median(results.get(LEVELS[1]).get(search), 99);
            report.row("6. Name " + search + " at 100k rows, p99 (median of " + ROUNDS + " rounds)", String.format("%.2f ms", p99),
                    String.format("1k rows %.2f ms, 1M rows %.2f ms", median(results.get(small).get(search), 99),
                            median(results.get(large).get(search), 99)), "", "<= 20 ms", p99 <= 20);
        }
    }

    /** The service answers from the table just renamed: its first page starts with that table's first id. */
    private static void checkServes(String list, Connection db) throws Exception {
        String firstId = string(db, "SELECT id::text FROM startup ORDER BY id LIMIT 1");
        String body = Load.send(Load.get(list, Fixtures.ADMIN)).body();
        if (!body.contains(firstId)) {
            throw new IllegalStateException("the service does not read the renamed table (first id " + firstId + "): " + body);
        }
    }

    private static String plans(Connection db) {
        return Fixtures.explain(db, "SELECT * FROM startup ORDER BY id LIMIT 21")
                + "\n" + Fixtures.explain(db, "SELECT * FROM startup WHERE search_text(brand_name || ' ' || coalesce(legal_name, ''))"
                        + " LIKE '%' || search_text('argan') || '%' ORDER BY id LIMIT 21")
                + "\n" + Fixtures.explain(db, "SELECT * FROM startup WHERE search_text(brand_name || ' ' || coalesce(legal_name, ''))"
                        + " LIKE '%' || search_text('toubkal vision 12') || '%' ORDER BY id LIMIT 21");
    }

    private static double median(List<Load.Latencies> rounds, double percentile) {
        List<Double> values = new ArrayList<>();
        rounds.forEach(l -> values.add(l.p(percentile)));
        return Load.median(values);
    }

    private static String each(List<Load.Latencies> rounds, double percentile) {
        List<String> values = new ArrayList<>();
        rounds.forEach(l -> values.add(String.format("%.2f", l.p(percentile))));
        return String.join(" / ", values);
    }

    private static String table(int level) {
        return "startup_rows_" + level;
    }

    private static void execute(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rows {@code 1 .. to} into {@code table}, then fresh statistics. */
    private static void insert(Connection db, String table, long to) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("""
                    INSERT INTO %s (id, kind, legal_name, brand_name, sector, stage, status, founders, created_at, updated_at, version)
                    SELECT gen_random_uuid(), 'PROJECT_HOLDER', NULL,
                      (ARRAY['Atlas','Argan','Sahara','Médina','Kasbah','Oasis','Riad','Souk','Tafilalt','Zagora','Ifrane','Rif',
                             'Toubkal','Drâa','Sebou','Anfa','Agadir','Safi','Fès','Tanger'])[1 + i %% 20] || ' ' ||
                      (ARRAY['Labs','Tech','Data','Cloud','Pay','Agri','Health','Edu','Mobility','Energy','Robotics','Vision',
                             'Logistics','Media','Games','Solar','Water','Food','Craft','Green','Nexus','Soft','AI'])[1 + (i / 20) %% 23]
                        || ' ' || i,
                      (ARRAY['SOFTWARE','FINTECH','EDTECH','HEALTHTECH','AGRITECH','CLEANTECH','TOURISM_TECH','ECOMMERCE','MEDIA',
                             'INDUSTRY_4_0','LOGISTICS','GOVTECH','CREATIVE_INDUSTRIES','OTHER'])[1 + i %% 14],
                      'IDEA', 'REGISTERED', '[]', now(), now(), 0
                    FROM generate_series(1, %d) AS i""".formatted(table, to));
            s.execute("VACUUM ANALYZE " + table);
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
