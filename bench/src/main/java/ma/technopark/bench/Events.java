package ma.technopark.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import ma.technopark.infra.Platform;
import org.HdrHistogram.Histogram;

/**
 * Scenario 5: startups registered at a fixed 200 per second (open loop) on startups-service; each registration
 * commits its row and its event (outbox) together; the relay publishes it; programs-service's two consumers of it
 * apply it: its copy of the startups (with an inbox row in the same transaction) and its webhooks (a delivery queued
 * for a partner subscribed to the type, whose endpoint is down so that its subscription is disabled and nothing is
 * sent: see {@link Partner}; sites-service's consumer of the topic acts on other types and skips it without a
 * transaction). The delay is the commit of the consumer's transaction (the one that wrote the inbox row, the
 * delivery) minus the commit of the producer's, both from PostgreSQL ({@code pg_xact_commit_timestamp}); nothing may
 * be missing. (Until 2026-11-28 it was the two transactions' start times, {@code now()}, which flatters a consumer
 * whose transaction takes several events.)
 * After a warm-up at the same rate (at least 90 s, then until the JIT has settled, at most 5 min: {@link WarmUp}),
 * three runs of 30 s, each once every consumer has caught up; the median run counts.
 */
final class Events {
    static final int RATE = 200;
    static final int RUNS = 3;
    /** The CloudEvent type of StartupChanged.REGISTERED. */
    static final String TYPE = "ma.technopark.startups.startup.registered";
    static final Duration DURATION = Duration.ofSeconds(30);
    static final Duration WARM_UP = Duration.ofSeconds(90);
    static final Duration MAX_WARM_UP = Duration.ofMinutes(5);

    private final Bench bench;

    Events(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Platform platform = bench.platform();
        String url = platform.app(Platform.STARTUPS).url() + "/api/v1/startups";
        Report report = bench.report("events", "Events from commit to the consuming service's state");
        AtomicInteger names = new AtomicInteger();
        try (Partner partner = Partner.subscribe(platform.app(Platform.PROGRAMS).url(), TYPE)) {
            run(url, report, names, partner);
        }
    }

    private void run(String url, Report report, AtomicInteger names, Partner partner) throws Exception {
        // warm-up, not measured: the pools, the consumers' assignments, and the JIT until it has settled (WarmUp):
        // C2 goes on compiling the apps' write and consume paths for minutes at this rate, on the same two cores
        // the comparator too: a bare consumer compiled during the first measured runs took the bench's JVM 6 CPU-s of
        // JIT in each of them, beside the platform
        try (OpenLoop warm = new OpenLoop(64);
                BareConsumer warmBare = new BareConsumer(bench.infra().bootstrapServers(), "technopark.startups.v1")) {
            report.section("warm-up at " + RATE + "/s until the JIT settles", WarmUp.untilJitSettles(WARM_UP, MAX_WARM_UP,
                    d -> warm.post(url, Fixtures.ADMIN, i -> Fixtures.startupBody("Warm " + names.incrementAndGet()), RATE, d)));
        }
        report.section("the partner's subscription after the warm-up (its endpoint is down: deliveries queue, none is sent)",
                partner.status());
        String subscription = partner.subscription();
        // the goal's rate, three runs, each starting without a backlog; the figure is their median
        List<Run> runs = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            awaitDrained(report, subscription);
            runs.add(measure(url, report, names, RATE, run, subscription));
        }
        List<Run> byP99 = runs.stream().sorted(Comparator.comparingDouble(Run::worstP99)).toList();
        Run median = byP99.get(byP99.size() / 2);
        long lost = runs.stream().mapToLong(Run::lost).sum();
        long committed = runs.stream().mapToLong(Run::committed).sum();
        boolean allConsumers = runs.stream().allMatch(r -> r.consumers() > 0);
        report.row("5. Events, commit to consumer state at " + RATE + "/s, p99 (worst consumer, median of " + RUNS + " runs)",
                String.format("%.1f ms", median.worstP99()), "runs " + runs.stream().map(r -> String.format("%.1f", r.worstP99()))
                        .collect(Collectors.joining(" / ")) + " ms; median run: " + median.perConsumer(), "", "<= 100 ms",
                median.worstP99() <= 100 && allConsumers);
        report.row("5. Events lost at " + RATE + "/s", Long.toString(lost), committed + " committed over " + RUNS + " runs, applied by "
                + median.consumers() + " consumers in programs-service", "", "0", lost == 0 && allConsumers);
    }

    /** One measured run: the worst consumer's p99, the events missing anywhere, what was committed, each consumer's figures. */
    private record Run(double worstP99, long lost, long committed, int consumers, String perConsumer) {
    }

    /** Waits (up to 2 min) until every consumer holds every event registered so far, so that a run starts without a backlog. */
    private void awaitDrained(Report report, String subscription) throws Exception {
        long began = System.nanoTime();
        try (Connection startups = Fixtures.db(bench.infra(), "startups");
                Connection programs = Fixtures.db(bench.infra(), "programs")) {
            long deadline = began + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                long events = Fixtures.count(startups, "SELECT count(*) FROM outbox_event WHERE type = '" + TYPE + "'");
                if (Fixtures.count(programs, "SELECT count(*) FROM inbox_event WHERE type = '" + TYPE + "'") >= events
                        && Fixtures.count(programs, "SELECT count(*) FROM webhook_delivery WHERE subscription_id = '"
                                + subscription + "'") >= events) {
                    break;
                }
                Load.sleep(500);
            }
        }
        report.section("backlog drained before the run", String.format("%.1f s", (System.nanoTime() - began) / 1e9));
    }

    private Run measure(String url, Report report, AtomicInteger names, int rate, int run, String subscription) throws Exception {
        try (Connection startups = Fixtures.db(bench.infra(), "startups");
                Connection programs = Fixtures.db(bench.infra(), "programs");
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
            report.section("run " + run + ": writes (open loop, " + rate + "/s for " + DURATION.toSeconds() + " s)", writes.raw("POST /api/v1/startups"));
            String type = TYPE;
            Map<String, Long> committed = committed(startups, type, since);
            // wait for every consumer to hold every event (or 60 s)
            Map<String, Map<String, Long>> applied = new TreeMap<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            do {
                Load.sleep(1000);
                applied = applied(programs, type, since, subscription);
            } while (System.nanoTime() < deadline
                    && (applied.isEmpty() || applied.values().stream().anyMatch(m -> !m.keySet().containsAll(committed.keySet()))));
            report.section("run " + run + ": where the cores went at " + rate + "/s", "while writing:\n" + Machine.cpuUsed(cpuBefore, cpuWrites, (written - started) / 1e9)
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
                                + " (producer's commit to the commit of its inbox row or delivery), missing " + missing));
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
            report.section("run " + run + ": delays per consumer at " + rate + "/s", raw.toString());
            report.section("run " + run + ": the relay's state", "outbox rows still unpublished: "
                    + Fixtures.count(startups, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
            return new Run(worstP99, lost, committed.size(), applied.size() - 1, perConsumer.toString().strip());
        }
    }

    /**
     * When the transaction that wrote a row committed, in microseconds since the epoch (PostgreSQL's
     * {@code track_commit_timestamp}, on in the platform's server). The rows read so are never updated afterwards in
     * this scenario, so their {@code xmin} is still the transaction that inserted them.
     */
    private static final String COMMIT_MICROS = "(extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint";

    /**
     * Outbox event id -> when the registration that recorded it committed (its startup row's commit: the outbox
     * row itself is updated once published).
     */
    private static Map<String, Long> committed(Connection c, String type, String since) throws SQLException {
        Map<String, Long> times = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT o.id::text, "
                + COMMIT_MICROS.replace("(xmin)", "(s.xmin)") + " FROM outbox_event o JOIN startup s ON s.id::text = o.record_key"
                + " WHERE o.type = '" + type + "' AND o.created_at >= '" + since + "'")) {
            while (rs.next()) {
                times.put(rs.getString(1), rs.getLong(2));
            }
        }
        return times;
    }

    /** Consumer -> event id -> when it applied the event (its transaction's commit): inbox rows and webhook deliveries. */
    private static Map<String, Map<String, Long>> applied(Connection c, String type, String since, String subscription)
            throws SQLException {
        Map<String, Map<String, Long>> byConsumer = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT consumer, event_id, "
                + COMMIT_MICROS + " FROM inbox_event WHERE type = '" + type
                + "' AND received_at >= '" + since + "' UNION ALL SELECT 'programs.webhooks', event_id, "
                + COMMIT_MICROS + " FROM webhook_delivery WHERE subscription_id = '"
                + subscription + "' AND created_at >= '" + since + "'")) {
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
