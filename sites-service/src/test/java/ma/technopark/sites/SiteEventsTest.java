package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.HostingFixtures.ADMIN;
import static ma.technopark.sites.HostingFixtures.space;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import ma.technopark.testing.EventProbe;
import org.junit.jupiter.api.Test;

/** Each kind of change reaches the topic as its own event type, keyed by its aggregate. */
@QuarkusTest
class SiteEventsTest {
    private static final String TOPIC = "technopark.sites.v1";

    @Test
    void statusSpaceBookingAndNomadEventsArePublished() {
        LocalDate today = LocalDate.now(ZoneId.of("Africa/Casablanca"));
        try (EventProbe probe = EventProbe.on(TOPIC)) {
            String code = SiteFixtures.uniqueCode();
            String body = SiteFixtures.siteJson(code)
                    .replace("\"digitalNomadOffer\": true", "\"digitalNomadOffer\": true, \"nomadSeats\": 3");
            String site = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/sites")
                    .then().statusCode(201).extract().path("id");
            for (String status : new String[] {"UNDER_CONSTRUCTION", "OPERATIONAL"}) {
                given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"status\": \"" + status + "\"}")
                        .post("/api/v1/sites/" + site + "/status").then().statusCode(200);
            }
            probe.await(ofType("ma.technopark.sites.site.status-changed").and(EventProbe.withSubject(site)), 2, Duration.ofSeconds(30));

            String room = space(site, "MEETING_ROOM", 8);
            var capacity = probe.await(ofType("ma.technopark.sites.space.capacity-changed").and(EventProbe.withSubject(room)), 1,
                    Duration.ofSeconds(30)).get(0);
            assertEquals(8, json(capacity).path("data").path("seats").asInt());

            String booking = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"spaceId\": \"" + room + "\", \"title\": \"Comité\", \"date\": \"" + today.plusDays(3)
                            + "\", \"startTime\": \"09:00\", \"endTime\": \"10:30\"}")
                    .post("/api/v1/bookings").then().statusCode(201).extract().path("bookings[0].id");
            given().auth().oauth2(ADMIN).post("/api/v1/bookings/" + booking + "/cancellation").then().statusCode(200);
            for (String type : new String[] {"confirmed", "cancelled"}) {
                var data = json(probe.await(ofType("ma.technopark.sites.booking." + type).and(EventProbe.withSubject(booking)), 1,
                        Duration.ofSeconds(30)).get(0)).path("data");
                assertEquals(site, data.path("siteId").asText());
                assertEquals(code, data.path("siteCode").asText());
                assertEquals(room, data.path("spaceId").asText());
                assertEquals(type.toUpperCase(), data.path("status").asText());
            }

            String pass = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"siteId\": \"" + site + "\", \"holderName\": \"Yassine\", \"holderEmail\": \"y@example.org\","
                            + " \"kind\": \"DAY\", \"startDate\": \"" + today + "\"}")
                    .post("/api/v1/nomad-passes").then().statusCode(201).extract().path("id");
            given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + pass + "/check-ins").then().statusCode(201);
            probe.await(ofType("ma.technopark.sites.nomad.checked-in").and(EventProbe.withSubject(pass)), 1, Duration.ofSeconds(30));
        }
    }

    @Test
    void spacesOfAnUnknownOrAnotherSiteAreNotFound() {
        String site = HostingFixtures.operationalSite(null);
        String other = HostingFixtures.operationalSite(null);
        String room = space(site, "TRAINING_ROOM", 12);
        given().get("/api/v1/sites/" + UUID.randomUUID() + "/spaces").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/sites/" + other + "/spaces/" + room).then().statusCode(404);
        given().get("/api/v1/sites/" + site + "/spaces/" + room).then().statusCode(200);
        String manager = ma.technopark.infra.DevTokens.subject("m").groups("site-manager").sites("NOT-THIS-ONE").sign();
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"name\": \"Salle\", \"type\": \"TRAINING_ROOM\", \"seats\": 10}")
                .post("/api/v1/sites/" + site + "/spaces").then().statusCode(403);
        given().auth().oauth2(ADMIN).queryParam("siteId", UUID.randomUUID()).get("/api/v1/allocations/waitlist").then().statusCode(404);
    }
}
