package ma.technopark.startups;

import static io.restassured.RestAssured.given;
import static ma.technopark.startups.StartupFixtures.ADMIN;
import static ma.technopark.startups.StartupFixtures.ice;
import static ma.technopark.startups.StartupFixtures.knownSite;
import static ma.technopark.startups.StartupFixtures.register;
import static ma.technopark.startups.StartupFixtures.startupJson;
import static ma.technopark.startups.StartupFixtures.startupToken;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.ofType;
import static ma.technopark.testing.EventProbe.withSubject;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import ma.technopark.testing.EventProbe;
import org.junit.jupiter.api.Test;

/** The events other services keep their copies from: startup state, residencies, KPI reports. */
@QuarkusTest
class StartupEventsTest {

    @Test
    void registrationResidencyAndReportsArePublishedWithTheStateConsumersNeed() {
        String site = knownSite();
        try (EventProbe probe = EventProbe.on("technopark.startups.v1")) {
            String startup = register(startupJson("Evented", ice(), site, "MEDIA", "IDEA"));
            var registered = probe.await(ofType("ma.technopark.startups.startup.registered").and(withSubject(startup)), 1,
                    Duration.ofSeconds(30)).get(0);
            assertEquals("IDEA", json(registered).path("data").path("stage").asText());
            assertEquals("REGISTERED", json(registered).path("data").path("status").asText());

            String application = ResidencyKpiFiguresTest.accepted(startup, site);
            ResidencyKpiFiguresTest.hosting("allocated", application, startup, site);
            String residency = ResidencyKpiFiguresTest.residencyOf(startup);
            probe.await(ofType("ma.technopark.startups.residency.started").and(withSubject(residency)), 1, Duration.ofSeconds(30));
            var resident = probe.await(ofType("ma.technopark.startups.startup.updated").and(withSubject(startup)), 1,
                    Duration.ofSeconds(30)).get(0);
            assertEquals("RESIDENT", json(resident).path("data").path("status").asText());

            String report = given().auth().oauth2(startupToken(startup)).contentType(ContentType.JSON)
                    .body("{\"year\": " + (LocalDate.now().getYear() - 1) + ", \"quarter\": 1, \"revenue\": {\"amount\": \"10.00\","
                            + " \"currency\": \"MAD\"}, \"employees\": 2, \"fundsRaised\": {\"amount\": \"0.00\", \"currency\": \"MAD\"},"
                            + " \"customers\": 1}")
                    .post("/api/v1/startups/" + startup + "/kpi-reports").then().statusCode(201).extract().path("id");
            var kpi = probe.await(ofType("ma.technopark.startups.kpi.reported").and(withSubject(report)), 1, Duration.ofSeconds(30)).get(0);
            assertEquals("10.00", json(kpi).path("data").path("revenue").path("amount").asText());
        }
        given().auth().oauth2(ADMIN).get("/api/v1/residencies?siteCode=" + site).then().statusCode(200);
    }
}
