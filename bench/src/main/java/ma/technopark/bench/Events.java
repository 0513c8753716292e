package ma.technopark.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import ma.technopark.infra.Platform;
import org.HdrHistogram.Histogram;

/**
 * Scenario 5: startups registered at a fixed 200 per second for 30 s (open loop) on startups-service; each
 * registration commits its row and its event (outbox) together; the relay publishes it; programs-service's
 * consumers apply it and record it in their inbox in the same transaction as their effect. The delay is the
 * consumer's transaction time minus the producer's, both from PostgreSQL's clock; nothing may be missing.
 */
final class Events {
    static final int RATE = 200;
    /** The CloudEvent type of StartupChanged.REGISTERED. */
    static final String TYPE = "ma.technopark.startups.startup.registered";
    static final Duration DURATION = Duration.ofSeconds(30);

    private final Bench bench;

    Events(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Platform platform = bench.platform();
        String url = platform.app(Platform.STARTUPS).url() + "/api/v1/startups";
        Report report = bench.report("events", "Events from commit to the consuming service's state");
        AtomicInteger names = new AtomicInteger();
        // warm-up, not recorded: 20 s at the same rate (the JIT, the pools, the consumers' assignments)
        try (OpenLoop warm = new OpenLoop(64)) {
            warm.post(url, Fixtures.ADMIN, i -> Fixtures.startupBody("Warm " + names.incrementAndGet()), RATE, Duration.ofSeconds(20));
        }
        // the goal's rate, then half of it: where the machine's cores suffice for the whole pipeline
        for (int rate : new int[] {RATE, RATE / 2}) {
            awaitDrained(report);
            measure(url, report, names, rate);
        }
    }

    /** Waits (up to 2 min) until every consumer holds every event registered so far, so that a run starts without a backlog. */
    private void awaitDrained(Report report) throws Exception {
        long began = System.nanoTime();
        try (Connection startups = Fixtures.db(bench.infra(), "startups");
                Connection programs = Fixtures.db(bench.infra(), "programs");
                Connection sites = Fixtures.db(bench.infra(), "sites")) {
            String count = "SELECT count(*) FROM %s WHERE type = '" + TYPE + "'";
            long deadline = began + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                long events = Fixtures.count(startups, String.format(count, "outbox_event"));
                if (Fixtures.count(sites, String.format(count, "inbox_event")) >= events
                        && Fixtures.count(programs, String.format(count, "inbox_event")) >= 2 * events) {
                    break;
                }
                Load.sleep(500);
            }
        }
        report.section("backlog drained before the run", String.format("%.1f s", (System.nanoTime() - began) / 1e9));
    }

    private void measure(String url, Report report, AtomicInteger names, int rate) throws Exception {
        try (Connection startups = Fixtures.db(bench.infra(), "startups");
                Connection programs = Fixtures.db(bench.infra(), "programs");
                Connection sites = Fixtures.db(bench.infra(), "sites");
                BareConsumer bare = new BareConsumer(bench.infra().bootstrapServers(), "technopark.startups.v1");
                OpenLoop openLoop = new OpenLoop(64)) {
            String since = string(startups, "SELECT now()::text");
            Map<String, Double> cpuBefore = Machine.cpuSeconds();
            long started = System.nanoTime();
            Load.Latencies writes = openLoop.post(url, Fixtures.ADMIN, i -> Fixtures.startupBody("Event " + names.incrementAndGet()),
                    rate, DURATION);
            Map<String, Double> cpuWrites = Machine.cpuSeconds();
            long written = System.nanoTime();
            long created = writes.statuses().getOrDefault(201, 0L);
            report.section("writes (open loop, " + rate + "/s for " + DURATION.toSeconds() + " s)", writes.raw("POST /api/v1/startups"));
            String type = TYPE;
            Map<String, Long> committed = times(startups, "created_at", "type = '" + type
                    + "' AND created_at >= '" + since + "'");
            // wait for every consumer to hold every event (or 60 s)
            Map<String, Map<String, Long>> applied = new TreeMap<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            do {
                Load.sleep(1000);
                applied = applied(programs, type, since);
                applied.putAll(applied(sites, type, since));
            } while (System.nanoTime() < deadline
                    && (applied.isEmpty() || applied.values().stream().anyMatch(m -> !m.keySet().containsAll(committed.keySet()))));
            report.section("where the cores went at " + rate + "/s", "while writing:\n" + Machine.cpuUsed(cpuBefore, cpuWrites, (written - started) / 1e9)
                    + "after the writes, until every consumer held every event (or 60 s):\n"
                    + Machine.cpuUsed(cpuWrites, Machine.cpuSeconds(), (System.nanoTime() - written) / 1e9));
            Map<String, Long> bareReceived = new java.util.HashMap<>(bare.received());
            applied.put("(comparator) a bare Kafka consumer, arrival only", bareReceived);
            StringBuilder raw = new StringBuilder("events committed: " + committed.size() + " (201 answers: " + created + ")\n");
            long lost = committed.size() == created ? 0 : Math.abs(created - committed.size());
            double worstP99 = 0;
            StringBuilder perConsumer = new StringBuilder();
            for (Map.Entry<String, Map<String, Long>> consumer : applied.entrySet()) {
                Histogram h = new Histogram(600_000_000L, 3);
                long missing = 0;
                for (Map.Entry<String, Long> e : committed.entrySet()) {
                    Long at = consumer.getValue().get(e.getKey());
                    if (at == null) {
                        missing++;
                    } else {
                        h.recordValue(Math.max(0, at - e.getValue()));
                    }
                }
                boolean comparator = consumer.getKey().startsWith("(comparator)");
                double p50 = h.getValueAtPercentile(50) / 1000.0;
                double p99 = h.getValueAtPercentile(99) / 1000.0;
                if (!comparator) {
                    lost += missing;
                    worstP99 = Math.max(worstP99, p99);
                }
                perConsumer.append(String.format("%s p50 %.1f ms p99 %.1f ms; ", consumer.getKey(), p50, p99));
                raw.append(new Load.Latencies(h, h.getTotalCount(), missing, Map.of()).raw("consumer " + consumer.getKey()
                                + " (commit to its inbox row), missing " + missing));
            }
            Map<String, Long> published = times(startups, "published_at", "type = '" + type
                    + "' AND created_at >= '" + since + "' AND published_at IS NOT NULL");
            Histogram relay = new Histogram(600_000_000L, 3);
            committed.forEach((id, at) -> {
                Long out = published.get(id);
                if (out != null) {
                    relay.recordValue(Math.max(0, out - at));
                }
            });
            raw.append(new Load.Latencies(relay, relay.getTotalCount(), committed.size() - published.size(), Map.of())
                    .raw("the relay: commit to published_at (Kafka acknowledged)"));
            report.section("delays per consumer at " + rate + "/s", raw.toString());
            report.section("the relay's state", "outbox rows still unpublished: "
                    + Fixtures.count(startups, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
            report.row("5. Events, commit to consumer state at " + rate + "/s, p99 (worst consumer)", String.format("%.1f ms", worstP99),
                    perConsumer.toString().strip(), "", "<= 100 ms", worstP99 <= 100 && applied.size() > 1);
            report.row("5. Events lost at " + rate + "/s", Long.toString(lost), committed.size() + " committed, applied by " + (applied.size() - 1)
                    + " consumers in programs-service and sites-service", "", "0", lost == 0 && applied.size() > 1);
        }
    }

    private static Map<String, Map<String, Long>> applied(Connection c, String type, String since) throws SQLException {
        Map<String, Map<String, Long>> byConsumer = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT consumer, event_id, "
                + "(extract(epoch FROM received_at) * 1000000)::bigint FROM inbox_event WHERE type = '" + type
                + "' AND received_at >= '" + since + "'")) {
            while (rs.next()) {
                byConsumer.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
            }
        }
        return byConsumer;
    }

    /** Outbox event id -> its {@code column} (a timestamp) in microseconds since the epoch, for the rows {@code where} picks. */
    private static Map<String, Long> times(Connection c, String column, String where) throws SQLException {
        Map<String, Long> times = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id::text, (extract(epoch FROM " + column
                + ") * 1000000)::bigint FROM outbox_event WHERE " + where)) {
            while (rs.next()) {
                times.put(rs.getString(1), rs.getLong(2));
            }
        }
        return times;
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
