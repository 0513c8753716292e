package ma.technopark.programs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

/** This service's copy of the startups, kept from startups-service's events, on the real broker and database. */
@QuarkusTest
class StartupReplicaTest {

    private static String event(String eventId, String type, UUID startup, String stage, String homeSiteCode, long version) {
        String site = homeSiteCode == null ? "null" : "\"" + homeSiteCode + "\"";
        return """
                {"specversion":"1.0","id":"%s","source":"/startups-service","type":"ma.technopark.startups.startup.%s",
                 "time":"2026-11-28T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"id":"%s","kind":"INCORPORATED_STARTUP","brandName":"Réplique %s","sector":"SOFTWARE","stage":"%s",
                         "status":"REGISTERED","homeSiteCode":%s,"version":%d}}
                """.formatted(eventId, type, startup, startup, version, stage, site, version);
    }

    /** Stage, home site, version and brand name of the startup's copy, or null when there is none. */
    private static String replica(UUID startup) {
        return TestInfra.text("SELECT stage || ' ' || coalesce(home_site_code, '-') || ' ' || version || ' ' || brand_name"
                + " FROM startup_replica WHERE id = ?", startup);
    }

    @Test
    void theCopyKeepsTheNewestStateWhateverTheOrderItArrivesIn() {
        UUID startup = UUID.randomUUID();
        String late = UUID.randomUUID().toString();
        // one poll: registered (version 0), then version 2 (no home site any more), then version 1, late
        EventProbe.send("technopark.startups.v1", List.of(
                Map.entry(startup.toString(), event(UUID.randomUUID().toString(), "registered", startup, "IDEA", "ESS", 0)),
                Map.entry(startup.toString(), event(UUID.randomUUID().toString(), "updated", startup, "GROWTH", null, 2)),
                Map.entry(startup.toString(), event(late, "updated", startup, "MVP", "ESS", 1))));
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count(
                "SELECT count(*) FROM inbox_event WHERE event_id = ?", late) == 1);
        assertEquals("GROWTH - 2 Réplique 2", replica(startup), "the late, older state changed nothing");

        // a newer state, in a later poll, replaces it
        String newer = UUID.randomUUID().toString();
        EventProbe.send("technopark.startups.v1", List.of(
                Map.entry(startup.toString(), event(newer, "updated", startup, "SCALE_UP", "RBT", 3))));
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count(
                "SELECT count(*) FROM inbox_event WHERE event_id = ?", newer) == 1);
        assertEquals("SCALE_UP RBT 3 Réplique 3", replica(startup));
    }
}
