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
    private static final Map<String, List<String[]>> CONSUMERS = Map.of(
            Topics.SITES, List.of(new String[] {"startups", "startups.known-sites"}, new String[] {"programs", "programs.known-sites"},
                    new String[] {"programs", "programs.webhooks"}),
            Topics.STARTUPS, List.of(new String[] {"sites", "sites.admission"}, new String[] {"programs", "programs.startup-replica"},
                    new String[] {"programs", "programs.webhooks"}),
            Topics.PROGRAMS, List.of(new String[] {"startups", "startups.programme-history"},
                    new String[] {"programs", "programs.webhooks"}));
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
        Map<String, String> since = new LinkedHashMap<>();
        for (String db : Infra.DATABASES) {
            since.put(db, Databases.text(db, "SELECT now()::text"));
        }

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
        } finally {
            infra.kafka().start();
        }

        // SIGKILL the instance whose relay is publishing startups-service's backlog, in the middle of its batch
        String killed = killRelayMidBatch(platform, "startups");
        if (killed != null) {
            SuiteSummary.add(SuiteSummary.FAULTS, 1);
        }

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
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).until(() -> missing(events) == 0);
        } finally {
            long lost = missing(events);
            long doubles = doubles(events);
            SuiteSummary.add(SuiteSummary.EVENTS_LOST, lost);
            SuiteSummary.add(SuiteSummary.DOUBLE_EFFECTS, doubles);
            SuiteSummary.add("events delivered after the broker outage (per consumer)", deliveries(events));
            if (killed != null) {
                platform.app(killed).start().awaitReady(Duration.ofMinutes(2));
            }
            assertEquals(0, lost, "events lost");
            assertEquals(0, doubles, "events applied twice");
        }
        // the topic itself: the killed relay's batch was published again by the other instance (at least once)
        java.util.Set<String> startupEvents = new java.util.HashSet<>(events.get(Topics.STARTUPS));
        try (ma.technopark.testing.EventProbe probe = ma.technopark.testing.EventProbe.on(Topics.STARTUPS)) {
            java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> ours =
                    r -> startupEvents.contains(ma.technopark.testing.EventProbe.json(r).path("id").asText());
            probe.await(ours, startupEvents.size(), Duration.ofSeconds(120));
            long records = probe.drain(ours, Duration.ofSeconds(2)).size();
            SuiteSummary.add("events the relays published twice (redelivered; the inboxes absorbed them)", records - startupEvents.size());
        }
        // the effects: one copy of each new site in both other services, one copy of each startup in programs-service
        assertEquals(siteCodes.size(), Databases.count("startups", "SELECT count(*) FROM known_site WHERE code = ANY(?)", siteCodes));
        assertEquals(siteCodes.size(), Databases.count("programs", "SELECT count(*) FROM known_site WHERE code = ANY(?)", siteCodes));
        assertEquals(startupIds.size(), Databases.count("programs", "SELECT count(*) FROM startup_replica WHERE id::text = ANY(?)", startupIds));
        assertTrue(killed != null, "a relay was caught in the middle of a batch and killed");
    }

    /** Waits for the relay of {@code database}'s service to hold its lock with events left, and kills that instance. */
    private static String killRelayMidBatch(Platform platform, String database) throws SQLException {
        Infra infra = platform.infra();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                PreparedStatement holder = c.prepareStatement("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a"
                        + " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND a.datname = ?");
                PreparedStatement left = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            holder.setString(1, database);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = holder.executeQuery()) {
                    if (rs.next() && rs.getString(1).startsWith(database + "-service")) {
                        String name = rs.getString(1);
                        AppProcess app = platform.app(name);
                        try (ResultSet l = left.executeQuery()) {
                            l.next();
                            if (l.getLong(1) > 0) {
                                app.kill();
                                return name;
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Events that some consumer of their topic has not recorded. */
    private static long missing(Map<String, List<String>> events) {
        long missing = 0;
        for (var topic : events.entrySet()) {
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
        return events.entrySet().stream().mapToLong(e -> (long) e.getValue().size() * CONSUMERS.get(e.getKey()).size()).sum();
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
