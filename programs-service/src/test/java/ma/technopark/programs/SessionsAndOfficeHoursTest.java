package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionsAndOfficeHoursTest {
    private static final String PM = DevTokens.subject("pm").groups("programme-manager").sign();

    @TestHTTPResource("/")
    URL base;

    @Test
    void withSitesServiceDownASessionFailsFastWith503AndNothingIsCreated() {
        String cohort = ProgrammesTest.openCohort(ProgrammesTest.programme("[\"IDEA\"]", null), 10);
        for (int i = 0; i < 6; i++) { // past the circuit breaker's threshold too
            given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                    {"cohortId": "%s", "title": "Atelier", "kind": "WORKSHOP", "spaceId": "%s", "date": "2027-03-10",
                     "startTime": "09:30", "endTime": "12:30"}""".formatted(cohort, UUID.randomUUID()))
                    .post("/api/v1/sessions").then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("rien n'a été créé")).time(lessThan(5L), TimeUnit.SECONDS);
        }
        assertEquals(0, TestInfra.count("SELECT count(*) FROM session WHERE cohort_id = ?", UUID.fromString(cohort)));
        given().auth().oauth2(PM).queryParam("cohortId", cohort).get("/api/v1/sessions").then().statusCode(200).body("size()", equalTo(0));
        // the client's guards are declared once, on its interface: the room check was retried, then its circuit opened
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metric(metrics, "ft_retry_retries_total", "space") >= 2, metrics);
        assertTrue(metric(metrics, "ft_circuitbreaker_opened_total", "space") >= 1, metrics);
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"cohortId": "%s", "title": "Atelier", "kind": "PARTY", "spaceId": "%s", "date": "2027-03-10",
                 "startTime": "12:30", "endTime": "09:30"}""".formatted(cohort, UUID.randomUUID()))
                .post("/api/v1/sessions").then().statusCode(400).body("errors.field", hasItem("kind"));
        // times with seconds are refused here, before sites-service is asked (it is down: this is no 503)
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"cohortId": "%s", "title": "Atelier", "kind": "WORKSHOP", "spaceId": "%s", "date": "2027-03-10",
                 "startTime": "09:30:15", "endTime": "12:30"}""".formatted(cohort, UUID.randomUUID()))
                .post("/api/v1/sessions").then().statusCode(400).body("errors.field", hasItem("startTime"));
    }

    @Test
    void twentyConcurrentReservationsOfOneSlotGiveExactlyOne() {
        String mentor = given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"name": "Karim Alaoui", "email": "karim-%s@example.org", "expertise": ["levée de fonds"], "languages": ["fr", "ar"],
                 "siteCodes": ["ESS"]}""".formatted(UUID.randomUUID())).post("/api/v1/mentors").then().statusCode(201).extract().path("id");
        String slot = given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"startsAt\": \"2027-03-12T10:00:00+01:00\", \"endsAt\": \"2027-03-12T10:45:00+01:00\"}")
                .post("/api/v1/mentors/" + mentor + "/office-hours").then().statusCode(201).body("status", equalTo("OPEN"))
                .extract().path("id");
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String startup = UUID.randomUUID().toString();
            String token = DevTokens.subject("s" + i).groups("startup").startupId(startup).sign();
            responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/v1/office-hours/" + slot + "/reservation"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"startupId\": \"" + startup + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long reserved = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        long taken = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 409).count();
        assertEquals(1, reserved);
        assertEquals(19, taken);
        given().auth().oauth2(PM).post("/api/v1/office-hours/" + slot + "/held").then().statusCode(200).body("status", equalTo("HELD"));
        given().auth().oauth2(PM).post("/api/v1/office-hours/" + slot + "/no-show").then().statusCode(409);
        given().auth().oauth2(PM).get("/api/v1/mentors/" + mentor + "/office-hours").then().body("[0].status", equalTo("HELD"));
        given().auth().oauth2(PM).post("/api/v1/office-hours/" + UUID.randomUUID() + "/held").then().statusCode(404);
        String stranger = DevTokens.subject("x").groups("startup").startupId(UUID.randomUUID().toString()).sign();
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"startupId\": \"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/office-hours/" + slot + "/reservation").then().statusCode(403);
    }

    @Test
    void aStartupGivesUpItsReservationUntilTheOfficeHourStarts() {
        String mentor = given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"name": "Leila Tazi", "email": "leila-%s@example.org", "expertise": ["marketing"], "languages": ["fr"]}"""
                .formatted(UUID.randomUUID())).post("/api/v1/mentors").then().statusCode(201).extract().path("id");
        String slot = given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"startsAt\": \"2027-03-13T10:00:00+01:00\", \"endsAt\": \"2027-03-13T10:45:00+01:00\"}")
                .post("/api/v1/mentors/" + mentor + "/office-hours").then().statusCode(201).extract().path("id");
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String tokenA = DevTokens.subject("a").groups("startup").startupId(a).sign();
        String tokenB = DevTokens.subject("b").groups("startup").startupId(b).sign();
        reserve(tokenA, slot, a).statusCode(200).body("status", equalTo("RESERVED"));
        given().auth().oauth2(tokenB).post("/api/v1/office-hours/" + slot + "/release").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(tokenA).post("/api/v1/office-hours/" + slot + "/release").then().statusCode(200)
                .body("status", equalTo("OPEN")).body("startupId", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(tokenA).post("/api/v1/office-hours/" + slot + "/release").then().statusCode(403); // no longer its own
        given().auth().oauth2(PM).post("/api/v1/office-hours/" + slot + "/release").then().statusCode(409)
                .body("type", containsString("illegal-transition"));
        reserve(tokenB, slot, b).statusCode(200).body("startupId", equalTo(b)); // open again for another startup

        // once the office hour has started, nobody reserves it or gives it up
        TestInfra.execute("UPDATE office_hour SET starts_at = now() - interval '5 minutes', ends_at = now() + interval '40 minutes'"
                + " WHERE id = ?", UUID.fromString(slot));
        given().auth().oauth2(tokenB).post("/api/v1/office-hours/" + slot + "/release").then().statusCode(409)
                .body("type", containsString("office-hour-started"));
        given().auth().oauth2(PM).post("/api/v1/office-hours/" + slot + "/cancellation").then().statusCode(200);
        String started = given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"startsAt\": \"2027-03-14T10:00:00+01:00\", \"endsAt\": \"2027-03-14T10:45:00+01:00\"}")
                .post("/api/v1/mentors/" + mentor + "/office-hours").then().statusCode(201).extract().path("id");
        TestInfra.execute("UPDATE office_hour SET starts_at = now() - interval '5 minutes', ends_at = now() + interval '40 minutes'"
                + " WHERE id = ?", UUID.fromString(started));
        reserve(tokenA, started, a).statusCode(409).body("type", containsString("office-hour-started"));
    }

    private static io.restassured.response.ValidatableResponse reserve(String token, String slot, String startup) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"startupId\": \"" + startup + "\"}")
                .post("/api/v1/office-hours/" + slot + "/reservation").then();
    }

    /**
     * The sum of a Prometheus counter over the lines of one method of {@code SitesClient} (the label names the REST
     * client's generated class: {@code SitesClient$$CDIWrapper.space}).
     */
    static double metric(String scrape, String name, String method) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") && l.contains(".SitesClient") && l.contains("." + method + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
