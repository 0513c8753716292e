package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.HostingFixtures.ADMIN;
import static ma.technopark.sites.HostingFixtures.operationalSite;
import static ma.technopark.sites.HostingFixtures.space;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The sites side of the admission saga, driven by startups-service's events on the real broker. */
@QuarkusTest
class AdmissionSagaTest {
    private static final String STARTUPS = "technopark.startups.v1";
    private static final String SITES = "technopark.sites.v1";

    private static String accepted(String eventId, UUID application, UUID startup, String siteCode, int seats) {
        return """
                {"specversion":"1.0","id":"%s","source":"/startups-service","type":"ma.technopark.startups.application.accepted",
                 "time":"2026-11-26T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","startupId":"%s","siteCode":"%s","seats":%d,"startDate":"2027-01-01"}}
                """.formatted(eventId, application, application, startup, siteCode, seats);
    }

    private static String ended(UUID application, UUID startup, String siteCode) {
        return """
                {"specversion":"1.0","id":"%s","source":"/startups-service","type":"ma.technopark.startups.residency.ended",
                 "time":"2026-11-26T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"residencyId":"%s","applicationId":"%s","startupId":"%s","siteCode":"%s","outcome":"GRADUATED"}}
                """.formatted(UUID.randomUUID(), application, UUID.randomUUID(), application, startup, siteCode);
    }

    private static Predicate<ConsumerRecord<String, String>> forApplication(String type, UUID application) {
        return ofType("ma.technopark.sites.hosting." + type)
                .and(r -> application.toString().equals(json(r).path("data").path("applicationId").asText()));
    }

    @Test
    void anAcceptedApplicationIsAllocatedOnceOrWaitlistedAndAnEndedResidencyPromotesTheNext() {
        String siteId = operationalSite(1);
        space(siteId, "OPEN_WORKSPACE", 10);
        String code = given().get("/api/v1/sites/" + siteId).then().extract().path("code");
        UUID first = UUID.randomUUID();
        UUID firstStartup = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID secondStartup = UUID.randomUUID();
        String firstEvent = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.on(SITES)) {
            EventProbe.send(STARTUPS, List.of(
                    Map.entry(first.toString(), accepted(firstEvent, first, firstStartup, code, 3)),
                    Map.entry(first.toString(), accepted(firstEvent, first, firstStartup, code, 3)), // redelivered
                    Map.entry(first.toString(), accepted(UUID.randomUUID().toString(), first, firstStartup, code, 3)))); // re-sent
            probe.await(forApplication("allocated", first), 1, Duration.ofSeconds(60));

            EventProbe.send(STARTUPS, List.of(Map.entry(second.toString(),
                    accepted(UUID.randomUUID().toString(), second, secondStartup, code, 2))));
            probe.await(forApplication("waitlisted", second), 1, Duration.ofSeconds(60));
            assertEquals(1, probe.drain(forApplication("allocated", first), Duration.ofSeconds(1)).size(),
                    "the same application is allocated once");
            assertEquals(1, TestInfra.count("SELECT count(*) FROM allocation WHERE application_id = ?", first));

            EventProbe.send(STARTUPS, List.of(Map.entry(first.toString(), ended(first, firstStartup, code))));
            probe.await(forApplication("released", first), 1, Duration.ofSeconds(60));
            ConsumerRecord<String, String> promoted = probe.await(forApplication("allocated", second), 1, Duration.ofSeconds(60)).get(0);
            assertEquals(secondStartup.toString(), json(promoted).path("data").path("startupId").asText());
        }
        given().auth().oauth2(ADMIN).queryParam("siteId", siteId).queryParam("status", "ACTIVE").get("/api/v1/allocations")
                .then().statusCode(200).body("items.startupId", org.hamcrest.Matchers.equalTo(List.of(secondStartup.toString())));
    }
}
