package ma.technopark.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import ma.technopark.contracts.Topics;
import ma.technopark.infra.AppProcess;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Infra;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker is stopped; thousands of writes go to the three services through the gateway and all succeed (each
 * commits its events to its outbox). The broker returns; while the relays drain their outboxes, the instance whose
 * relay holds startups-service's publishing lock is killed with SIGKILL in the middle of its batch, so that the
 * other instance publishes that batch again. Every event must then be recorded exactly once by every consumer of its
 * topic, and the consumers' effects (the copies of sites and startups) must match the writes one for one.
 * <p>
 * Size: {@code -Dtechnopark.suite.writes} (default 10,000 writes).
 */
@ExtendWith({PlatformExtension.class, SuiteSummary.class})
class BrokerOutageSystemTest {
    static final int WRITES = Integer.getInteger("technopark.suite.writes", 10_000);
    private static final String ADMIN = DevTokens.admin();
    private static final String PM = DevTokens.subject("pm-outage").groups("programme-manager").sign();
    /** Each topic's consumers, with the database that holds their inbox. */
    /**
     * The consumers that act on the events these writes make (site, startup and programme changes), per topic, with
     * an inbox row for each. sites.admission and startups.programme-history act on other types (accepted
     * applications, completed enrolments) and acknowledge these without an inbox row. programs.webhooks reads all
     * three topics and keeps no inbox row: a {@link WebhookWitness} subscribed to every type stands for it.
     */
    private static final Map<String, List<String[]>> CONSUMERS = Map.of(
            Topics.SITES, List.of(new String[] {"startups", "startups.known-sites"}, new String[] {"programs", "programs.known-sites"}),
            Topics.STARTUPS, List.<String[]>of(new String[] {"programs", "programs.startup-replica"}),
            Topics.PROGRAMS, List.<String[]>of());
    private static final List<String> SERVICES = List.of(Platform.SITES, Platform.STARTUPS, Platform.PROGRAMS,
            Platform.SITES + "-2", Platform.STARTUPS + "-2", Platform.PROGRAMS + "-2");
    private static final Map<String, String> PRODUCER = Map.of(Topics.SITES, "sites", Topics.STARTUPS, "startups",
            Topics.PROGRAMS, "programs");

    @Test
    void everyWriteMadeWhileTheBrokerIsDownIsDeliveredExactlyOnce() throws Exception {
        Platform platform = PlatformExtension.platform();
        Infra infra = platform.infra();
        String gateway = PlatformExtension.gateway();
        String run = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
        // a site that every service knows before the outage: the programmes written during it take place there
        String home = "OB" + run;
        Http.Exchange site = Http.send(gateway, "POST", "/api/v1/sites", ADMIN, siteBody(home));
        assertEquals(201, site.status(), site.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> Databases.count("programs", "SELECT count(*) FROM known_site WHERE code = ?", home) == 1
                && Databases.count("startups", "SELECT count(*) FROM known_site WHERE code = ?", home) == 1);
        // programs.webhooks' witness: a partner subscribed to every type
        try (WebhookWitness witness = WebhookWitness.subscribe(gateway)) {
            Map<String, String> since = new LinkedHashMap<>();
            for (String db : Infra.DATABASES) {
                since.put(db, Databases.text(db, "SELECT now()::text"));
            }

            long topicBefore = records(infra, Topics.STARTUPS);
            infra.kafka().stop();
            SuiteSummary.add(SuiteSummary.FAULTS, 1);
            List<String> startupIds = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> siteCodes = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Http.Exchange> failures = new ArrayList<>();
            AtomicLong published = new AtomicLong();
            Map<Integer, AtomicLong> statuses;
            try {
                // a quarter of the calls register a site, half a startup, a quarter a programme and publish it (two writes)
                int calls = WRITES * 4 / 5;
                statuses = Http.parallel(calls, 16, i -> switch (i % 4) {
                    case 0 -> {
                        String code = "O" + run + "-" + Integer.toString(i, 36).toUpperCase();
                        Http.Exchange e = Http.send(gateway, "POST", "/api/v1/sites", ADMIN, siteBody(code));
                        if (e.status() == 201) {
                            siteCodes.add(code);
                        }
                        yield List.of(e);
                    }
                    case 1, 2 -> {
                        Http.Exchange e = Http.send(gateway, "POST", "/api/v1/startups", ADMIN, startupBody("Outage " + run + " " + i, home));
                        if (e.status() == 201) {
                            startupIds.add(Json.field(e.body(), "id"));
                        }
                        yield List.of(e);
                    }
                    default -> {
                        Http.Exchange created = Http.send(gateway, "POST", "/api/v1/programmes", PM, programmeBody(run + "-" + i, home));
                        if (created.status() != 201) {
                            yield List.of(created);
                        }
                        String id = Json.field(created.body(), "id");
                        Http.Exchange publication = Http.send(gateway, "POST", "/api/v1/programmes/" + id + "/publication", PM, null);
                        if (publication.status() == 200) {
                            published.incrementAndGet();
                        }
                        yield List.of(created, publication);
                    }
                }, failures);
                long made = statuses.values().stream().mapToLong(AtomicLong::get).sum();
                SuiteSummary.add(SuiteSummary.WRITES, made);
                assertEquals(made, statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(e -> e.getValue().get()).sum(),
                        "every write succeeds while the broker is down: " + statuses + " " + failures);
                for (String db : Infra.DATABASES) {
                    assertEquals(0, Databases.count(db, "SELECT count(*) FROM outbox_event WHERE created_at >= ?::timestamptz"
                            + " AND published_at IS NOT NULL", since.get(db)), db + ": nothing is published while the broker is down");
                }
                // every instance stays ready, its writes waiting in the outbox; the outbox's own check, in /q/health/well
                // and not in readiness, reports the wait once an event has waited past its bound (5 s here)
                for (String app : SERVICES) {
                    assertEquals(200, platform.app(app).status("/q/health/ready"), app + " stays ready without the broker");
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (String app : SERVICES) {
                        assertEquals(503, platform.app(app).status("/q/health/well"), app + ": its outbox waits for the broker");
                    }
                });
            } finally {
                infra.kafka().start();
            }

            // SIGKILL the instance whose relay is publishing startups-service's backlog, in the middle of a batch: after
            // the broker has its records and before the relay has marked them published, so that they go out again
            String killed = killRelayMidBatch(platform, since.get("startups"), topicBefore);
            SuiteSummary.add(SuiteSummary.FAULTS, 1);

            // every event of the outage is recorded once by each consumer of its topic
            Map<String, List<String>> events = new LinkedHashMap<>();
            for (var producer : PRODUCER.entrySet()) {
                events.put(producer.getKey(), Databases.texts(producer.getValue(), "SELECT id::text FROM outbox_event"
                        + " WHERE created_at >= ?::timestamptz AND topic = ?", since.get(producer.getValue()), producer.getKey()));
            }
            int expectedEvents = events.values().stream().mapToInt(List::size).sum();
            assertTrue(expectedEvents >= siteCodes.size() + startupIds.size() + published.get(),
                    "each site, startup and published programme committed its event: " + expectedEvents);
            try {
                await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).until(() -> missing(events, witness) == 0);
            } finally {
                long lost = missing(events, witness);
                long doubles = doubles(events);
                SuiteSummary.add(SuiteSummary.EVENTS_LOST, lost);
                SuiteSummary.add(SuiteSummary.DOUBLE_EFFECTS, doubles);
                SuiteSummary.add("events delivered after the broker outage (per consumer)", deliveries(events));
                platform.app(killed).start().awaitReady(Duration.ofMinutes(2));
                assertEquals(0, lost, "events lost");
                assertEquals(0, doubles, "events applied twice");
            }
            // the topic itself: the killed relay's batch was published again by the other instance (at least once)
            java.util.Set<String> startupEvents = new java.util.HashSet<>(events.get(Topics.STARTUPS));
            try (ma.technopark.testing.EventProbe probe = ma.technopark.testing.EventProbe.on(Topics.STARTUPS)) {
                java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> ours =
                        r -> startupEvents.contains(ma.technopark.testing.EventProbe.json(r).path("id").asText());
                probe.await(ours, startupEvents.size(), Duration.ofSeconds(120));
                long twice = probe.drain(ours, Duration.ofSeconds(2)).size() - startupEvents.size();
                SuiteSummary.add("events published again after the relay was killed (absorbed by the inboxes)", twice);
                assertTrue(twice > 0, "the killed relay's batch was published again");
            }
            // the effects: one copy of each new site in both other services, one copy of each startup in programs-service
            assertEquals(siteCodes.size(), Databases.count("startups", "SELECT count(*) FROM known_site WHERE code = ANY(?)", siteCodes));
            assertEquals(siteCodes.size(), Databases.count("programs", "SELECT count(*) FROM known_site WHERE code = ANY(?)", siteCodes));
            assertEquals(startupIds.size(), Databases.count("programs", "SELECT count(*) FROM startup_replica WHERE id::text = ANY(?)", startupIds));
            // the outboxes drained: every instance's outbox check is UP again
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String app : SERVICES) {
                    assertEquals(200, platform.app(app).status("/q/health/well"), app + ": its outbox is published");
                }
            });
        }
    }

    /**
     * Kills (SIGKILL) the instance whose relay holds startups-service's publishing lock between sending a batch and
     * marking it. To catch it there every time, the test holds the outbox table in SHARE mode: the relay can still read
     * a batch and send it, but its {@code UPDATE} that marks the batch published waits. Once the lock holder waits on
     * that {@code UPDATE} (its batch acknowledged by the broker), its instance is killed, restarted at once without
     * waiting, and the table let go: the dead transaction never commits, so the other instance publishes that batch
     * again. Answers the instance killed.
     */
    private static String killRelayMidBatch(Platform platform, String since, long topicBefore) throws SQLException {
        Infra infra = platform.infra();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl("startups"), infra.username(), infra.password());
                Connection watcher = DriverManager.getConnection(infra.jdbcUrl("startups"), infra.username(), infra.password());
                PreparedStatement waitingRelay = watcher.prepareStatement("SELECT a.application_name FROM pg_locks l"
                        + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                        + " AND a.datname = 'startups' AND a.wait_event_type = 'Lock' AND a.query LIKE 'UPDATE outbox_event%'");
                PreparedStatement marked = watcher.prepareStatement("SELECT count(*) FILTER (WHERE published_at IS NOT NULL), count(*)"
                        + " FROM outbox_event WHERE created_at >= ?::timestamptz");
                org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> kafka = offsets(infra)) {
            marked.setString(1, since);
            c.setAutoCommit(false);
            try (java.sql.Statement hold = c.createStatement()) {
                hold.execute("SET LOCAL lock_timeout = '20s'");
                hold.execute("LOCK TABLE outbox_event IN SHARE MODE");
            }
            String name;
            try {
                long[] outbox = counts(marked);
                assertTrue(outbox[0] < outbox[1], "the outage's events wait for the broker: " + outbox[0] + " of " + outbox[1] + " published");
                String[] holder = new String[1];
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    try (ResultSet rs = waitingRelay.executeQuery()) {
                        holder[0] = rs.next() ? rs.getString(1) : null;
                    }
                    return holder[0] != null;
                });
                name = holder[0];
                assertTrue(name.startsWith("startups-service"), "the relay waiting to mark its batch: " + name);
                assertTrue(records(kafka, Topics.STARTUPS) - topicBefore > counts(marked)[0],
                        "the broker holds the waiting relay's batch, not yet marked published");
                platform.app(name).kill();
            } finally {
                c.rollback(); // lets the table go: the dead relay's UPDATE finds its client gone and never commits
            }
            platform.app(name).start();
            return name;
        }
    }

    private static long[] counts(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> offsets(Infra infra) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", infra.bootstrapServers());
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(p, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    /** Records on the topic so far (the sum of its partitions' end offsets). */
    static long records(Infra infra, String topic) {
        try (var kafka = offsets(infra)) {
            return records(kafka, topic);
        }
    }

    private static long records(org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> kafka, String topic) {
        List<org.apache.kafka.common.TopicPartition> partitions = kafka.partitionsFor(topic).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
        return kafka.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events that some consumer of their topic has not recorded, the webhook consumer included (by its witness). */
    private static long missing(Map<String, List<String>> events, WebhookWitness witness) {
        long missing = 0;
        for (var topic : events.entrySet()) {
            missing += topic.getValue().size() - witness.queued(topic.getValue());
            for (String[] consumer : CONSUMERS.get(topic.getKey())) {
                missing += topic.getValue().size() - Databases.count(consumer[0], "SELECT count(DISTINCT event_id) FROM inbox_event"
                        + " WHERE consumer = ? AND event_id::text = ANY(?)", consumer[1], topic.getValue());
            }
        }
        return missing;
    }

    private static long doubles(Map<String, List<String>> events) {
        long doubles = 0;
        for (var topic : events.entrySet()) {
            for (String[] consumer : CONSUMERS.get(topic.getKey())) {
                doubles += Databases.count(consumer[0], "SELECT count(*) - count(DISTINCT event_id) FROM inbox_event"
                        + " WHERE consumer = ? AND event_id::text = ANY(?)", consumer[1], topic.getValue());
            }
        }
        return doubles;
    }

    private static long deliveries(Map<String, List<String>> events) {
        // each consumer with an inbox, and the webhook consumer (all three topics)
        return events.entrySet().stream().mapToLong(e -> (long) e.getValue().size() * (CONSUMERS.get(e.getKey()).size() + 1)).sum();
    }

    static String siteBody(String code) {
        return """
                {"code": "%s", "name": {"fr": "Technopark %s"}, "city": "Dakhla", "region": "DAKHLA_OUED_ED_DAHAB",
                 "kind": "TECHNOPARK", "hostingCapacity": 20}""".formatted(code, code);
    }

    static String startupBody(String name, String siteCode) {
        String ice = String.format("%015d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000_000L));
        return """
                {"kind": "INCORPORATED_STARTUP", "legalName": "%s SARL", "brandName": "%s", "ice": "%s", "legalForm": "SARL",
                 "sector": "SOFTWARE", "stage": "PROTOTYPE_MVP", "homeSiteCode": "%s",
                 "founders": [{"name": "Amine", "email": "amine@example.org", "role": "CEO"}]}""".formatted(name, name, ice, siteCode);
    }

    static String programmeBody(String code, String siteCode) {
        return """
                {"code": "OUT-%s", "name": {"fr": "Programme %s"}, "kind": "ACCELERATION", "durationMonths": 6,
                 "eligibleStages": ["PROTOTYPE_MVP"], "siteCodes": ["%s"]}""".formatted(code, code, siteCode);
    }
}
