package ma.technopark.startups;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Idempotent consumption and dead letters, on the real broker and database. */
@QuarkusTest
class SiteEventsConsumerTest {
    private static final String TOPIC = "technopark.sites.v1";

    private static String event(String eventId, UUID siteId, String code, String name, long version) {
        return """
                {"specversion":"1.0","id":"%s","source":"/sites-service","type":"ma.technopark.sites.site.updated",
                 "time":"2026-11-26T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"id":"%s","code":"%s","nameFr":"%s","city":"Essaouira","region":"MARRAKECH_SAFI",
                         "kind":"TECHNOPARK","status":"OPERATIONAL","hostingCapacity":70,"version":%d}}
                """.formatted(eventId, siteId, siteId, code, name, version);
    }

    private static String knownName(UUID siteId) {
        return TestInfra.text("SELECT name_fr FROM known_site WHERE id = ?", siteId);
    }

    @Test
    void anEventDeliveredTwiceHasOneEffect() {
        UUID site = UUID.randomUUID();
        String code = "C" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        EventProbe.send(TOPIC, List.of(
                Map.entry(site.toString(), event(first, site, code, "Premier nom", 1)),
                Map.entry(site.toString(), event(second, site, code, "Second nom", 2)),
                Map.entry(site.toString(), event(first, site, code, "Premier nom", 1)))); // redelivery of the first
        String marker = UUID.randomUUID().toString();
        EventProbe.send(TOPIC, List.of(Map.entry(site.toString(), event(marker, site, code, "Second nom", 2))));
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count(
                "SELECT count(*) FROM inbox_event WHERE event_id = ?", marker) == 1);
        assertEquals("Second nom", knownName(site), "the redelivered first event had no second effect");
        assertEquals(1, TestInfra.count("SELECT count(*) FROM inbox_event WHERE event_id = ?", first));
        assertEquals(1, TestInfra.count("SELECT count(DISTINCT xmin::text) FROM inbox_event WHERE event_id IN (?, ?)",
                first, second), "one transaction took the poll's events");
    }

    @Test
    void anEventThatFailsInThePollsTransactionGoesAloneToTheDeadLetterTopic() {
        // one poll of three events; the middle one gives a second site the first one's code, which the unique code
        // refuses only when the poll's transaction flushes: the poll is then taken event by event, and only the
        // refused event is dead-lettered
        String partition = UUID.randomUUID().toString();
        UUID first = UUID.randomUUID();
        UUID clash = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        String code = "F" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        String firstEvent = UUID.randomUUID().toString();
        String clashEvent = UUID.randomUUID().toString();
        String thirdEvent = UUID.randomUUID().toString();
        try (EventProbe dlq = EventProbe.on(TOPIC + ".dlq")) {
            EventProbe.send(TOPIC, List.of(
                    Map.entry(partition, event(firstEvent, first, code, "Premier site", 1)),
                    Map.entry(partition, event(clashEvent, clash, code, "Même code", 1)),
                    Map.entry(partition, event(thirdEvent, third, code + "C", "Troisième site", 1))));
            await().atMost(Duration.ofSeconds(60)).until(() -> "Troisième site".equals(knownName(third)));
            assertEquals("Premier site", knownName(first));
            dlq.await(r -> r.value().contains(clashEvent), 1, Duration.ofSeconds(60));
            assertEquals(null, knownName(clash));
            assertEquals(0, TestInfra.count("SELECT count(*) FROM inbox_event WHERE event_id = ?", clashEvent),
                    "the refused event left no inbox row");
            assertEquals(List.of(), dlq.drain(r -> r.value().contains(firstEvent) || r.value().contains(thirdEvent),
                    Duration.ofSeconds(2)), "the poll's other events are not dead-lettered");
        }
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAloneAndThePartitionMovesOn() {
        // sent together, so that the consumer polls them together: the records around the poison are handled,
        // and only the poison reaches the dead-letter topic (a batch's own failure would send all three)
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        String beforeEvent = UUID.randomUUID().toString();
        String afterEvent = UUID.randomUUID().toString();
        String code = "P" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        String poison = "this is not a CloudEvent " + UUID.randomUUID();
        try (EventProbe dlq = EventProbe.on(TOPIC + ".dlq")) {
            EventProbe.send(TOPIC, List.of(
                    Map.entry(before.toString(), event(beforeEvent, before, code + "A", "Avant le poison", 1)),
                    Map.entry(before.toString(), poison),
                    Map.entry(after.toString(), event(afterEvent, after, code + "B", "Après le poison", 1))));
            await().atMost(Duration.ofSeconds(60)).until(() -> "Après le poison".equals(knownName(after)));
            assertEquals("Avant le poison", knownName(before));
            ConsumerRecord<String, String> dead = dlq.await(r -> poison.equals(r.value()), 1, Duration.ofSeconds(60)).get(0);
            assertEquals(before.toString(), dead.key(), "the dead letter keeps the record's key");
            Map<String, String> why = EventProbe.headers(dead);
            assertEquals(TOPIC, why.get("dead-letter-topic"));
            assertEquals("startups-service", why.get("dead-letter-group"), "the consumer group that gave up");
            assertTrue(why.get("dead-letter-reason").contains("not a CloudEvent"), why.toString());
            assertTrue(Long.parseLong(why.get("dead-letter-offset")) >= 0, why.toString());
            assertTrue(Integer.parseInt(why.get("dead-letter-partition")) >= 0, why.toString());
            assertEquals(List.of(), dlq.drain(r -> r.value().contains(beforeEvent) || r.value().contains(afterEvent),
                    Duration.ofSeconds(2)), "the records handled beside the poison are not dead-lettered");
        }
    }
}
