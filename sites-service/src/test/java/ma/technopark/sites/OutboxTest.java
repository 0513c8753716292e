package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.SiteFixtures.siteJson;
import static ma.technopark.sites.SiteFixtures.uniqueCode;
import static ma.technopark.testing.EventProbe.headers;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.withSubject;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.technopark.infra.DevTokens;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.events.OutboxRelay;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The transactional outbox, observed on the real broker. */
@QuarkusTest
class OutboxTest {
    private static final String TOPIC = "technopark.sites.v1";
    private static final String ADMIN = DevTokens.admin();

    @Inject
    DomainEvents events;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry registry;

    private static String register(String code) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(siteJson(code)).post("/api/v1/sites")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aCommittedChangeReachesKafkaAsACloudEvent() {
        try (EventProbe probe = EventProbe.on(TOPIC)) {
            String code = uniqueCode();
            String id = register(code);
            ConsumerRecord<String, String> record = probe.await(withSubject(id), 1, Duration.ofSeconds(30)).get(0);
            JsonNode event = json(record);
            assertEquals("1.0", event.path("specversion").asText());
            assertEquals("ma.technopark.sites.site.registered", event.path("type").asText());
            assertEquals("/sites-service", event.path("source").asText());
            assertEquals(id, event.path("subject").asText());
            assertEquals("application/json", event.path("datacontenttype").asText());
            assertEquals(code, event.path("data").path("code").asText());
            assertTrue(OffsetDateTime.parse(event.path("time").asText()).isBefore(OffsetDateTime.now().plusSeconds(1)));
            UUID.fromString(event.path("id").asText());
            Map<String, String> headers = headers(record);
            assertEquals(event.path("id").asText(), headers.get("ce_id"));
            assertTrue(headers.get("content-type").startsWith("application/cloudevents+json"));
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String subject = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.on(TOPIC)) {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                events.record("sites.site.updated", subject, Map.of("x", 1));
                throw new IllegalStateException("the state change fails");
            }));
            String marker = register(uniqueCode()); // committed after the rollback: once it is out, the relay has run
            probe.await(withSubject(marker), 1, Duration.ofSeconds(30));
            assertEquals(0, probe.drain(withSubject(subject), Duration.ofSeconds(1)).size());
            assertEquals(0, TestInfra.count("SELECT count(*) FROM outbox_event WHERE record_key = ?", subject));
        }
    }

    @Test
    void anEventTypeOutsideTheCatalogOrOnAnotherServicesTopicIsRefused() {
        String subject = UUID.randomUUID().toString();
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                events.record("sites.test.unlisted", subject, Map.of("x", 1))));
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                events.record("startups.startup.registered", subject, Map.of("x", 1))));
        assertEquals(0, TestInfra.count("SELECT count(*) FROM outbox_event WHERE record_key = ?", subject));
    }

    /**
     * With replicas, one relay publishes at a time (an advisory lock). While another replica holds the lock, this one
     * tries again after 20 ms, then less and less often (at most once a poll interval, 500 ms) rather than every 20 ms
     * for as long as the other holds it; its event waits in the outbox and goes out once the lock is free.
     */
    @Test
    void whileAnotherReplicaHoldsTheRelaysLockItsEventsWaitAndItsRetriesSlowDown() throws Exception {
        try (EventProbe probe = EventProbe.on(TOPIC); Connection otherReplica = TestInfra.connection()) {
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, OutboxRelay.LOCK_KEY);
                lock.execute();
            }
            String id;
            double tries;
            try {
                double before = lockedElsewhere();
                id = register(uniqueCode());
                assertEquals(0, probe.drain(withSubject(id), Duration.ofSeconds(3)).size(), "published under another's lock");
                tries = lockedElsewhere() - before;
            } finally {
                try (PreparedStatement unlock = otherReplica.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, OutboxRelay.LOCK_KEY);
                    unlock.execute();
                }
            }
            // 20, 40, 80, ... 500, 500 ms: about ten tries in 3 s (every 20 ms would be over a hundred)
            assertTrue(tries >= 4 && tries <= 20, "tries at the taken lock in 3 s: " + tries);
            probe.await(withSubject(id), 1, Duration.ofSeconds(10));
        }
    }

    private double lockedElsewhere() {
        return registry.counter("technopark.outbox.locked.elsewhere").count();
    }

    @Test
    void withTheBrokerDownWritesSucceedAndEveryEventArrivesOnceItIsBack() {
        Assumptions.assumeTrue(TestInfra.infra().embeddedKafka(), "needs the broker this test JVM started");
        int writes = 300; // two of the relay's batches (200 events each)
        String prefix = "OUT" + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        Set<String> ids = new HashSet<>();
        TestInfra.infra().kafka().stop();
        try {
            for (int i = 0; i < writes; i++) {
                ids.add(register(prefix + "-" + i));
            }
            // the service stays ready (the broker is not part of readiness); the outbox's own check, in /q/health/well,
            // reports the wait once an event has waited past its bound (2 s in tests, 30 s by default)
            given().get("/q/health/ready").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'outbox' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'outbox' }.data.unpublished", greaterThanOrEqualTo(writes))
                    .body("checks.find { it.name == 'outbox' }.data.oldestUnpublished", notNullValue()));
        } finally {
            TestInfra.infra().kafka().start();
        }
        assertEquals(writes, ids.size());
        try (EventProbe probe = EventProbe.on(TOPIC)) {
            List<ConsumerRecord<String, String>> arrived = probe.await(r -> ids.contains(r.key()), writes, Duration.ofSeconds(90));
            arrived = probe.drain(r -> ids.contains(r.key()), Duration.ofSeconds(2));
            Set<String> eventIds = new HashSet<>();
            arrived.forEach(r -> eventIds.add(json(r).path("id").asText()));
            assertEquals(writes, arrived.size(), "each event exactly once on the topic");
            assertEquals(writes, eventIds.size());
        }
        assertEquals(0, TestInfra.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.data.unpublished", equalTo(0));
    }

    /**
     * The event tables stay bounded: housekeeping deletes published outbox rows past the relay's retention (7 days),
     * idempotency keys past 24 hours and inbox rows past the inbox's retention (30 days: Kafka can no longer deliver
     * those events again), and keeps everything younger. An event not yet published has no {@code published_at} and is
     * never deleted.
     */
    @Test
    void housekeepingDeletesWhatCanNoLongerServeAndKeepsTheRest() throws Exception {
        String run = UUID.randomUUID().toString();
        // more than two batches of deletions
        TestInfra.execute("INSERT INTO inbox_event (consumer, event_id, type, received_at)"
                + " SELECT ?, g::text, 't', now() - interval '31 days' FROM generate_series(1, 12000) g", "old " + run);
        TestInfra.execute("INSERT INTO inbox_event (consumer, event_id, type, received_at) VALUES (?, 'e', 't', now() - interval '29 days')",
                "recent " + run);
        String outbox = "INSERT INTO outbox_event (id, topic, record_key, type, envelope, published_at) VALUES (?, 't', ?, 't', '{}', %s)";
        TestInfra.execute(outbox.formatted("now() - interval '8 days'"), UUID.randomUUID(), "published-old " + run);
        TestInfra.execute(outbox.formatted("now() - interval '6 days'"), UUID.randomUUID(), "published-recent " + run);
        String key = "INSERT INTO idempotency_key (scope, key, request_hash, status, created_at) VALUES (?, 'k', 'h', 201, %s)";
        TestInfra.execute(key.formatted("now() - interval '25 hours'"), "old " + run);
        TestInfra.execute(key.formatted("now() - interval '23 hours'"), "recent " + run);
        try {
            assertTrue(relay.housekeeping() >= 12_002);

            assertEquals(0, TestInfra.count("SELECT count(*) FROM inbox_event WHERE consumer = ?", "old " + run));
            assertEquals(1, TestInfra.count("SELECT count(*) FROM inbox_event WHERE consumer = ?", "recent " + run));
            assertEquals(0, TestInfra.count("SELECT count(*) FROM outbox_event WHERE record_key = ?", "published-old " + run));
            assertEquals(1, TestInfra.count("SELECT count(*) FROM outbox_event WHERE record_key = ?", "published-recent " + run));
            assertEquals(0, TestInfra.count("SELECT count(*) FROM idempotency_key WHERE scope = ?", "old " + run));
            assertEquals(1, TestInfra.count("SELECT count(*) FROM idempotency_key WHERE scope = ?", "recent " + run));
        } finally {
            TestInfra.execute("DELETE FROM outbox_event WHERE record_key LIKE ?", "% " + run);
            TestInfra.execute("DELETE FROM inbox_event WHERE consumer LIKE ?", "% " + run);
            TestInfra.execute("DELETE FROM idempotency_key WHERE scope LIKE ?", "% " + run);
        }
    }
}
