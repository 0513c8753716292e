package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.ofType;
import static ma.technopark.testing.EventProbe.withSubject;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MarketAccessTest {
    private static final String ADMIN = DevTokens.admin();
    private static final String PM = DevTokens.subject("pm").groups("programme-manager").sign();

    private static io.restassured.response.ValidatableResponse step(String id, String status, String outcome) {
        return given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"status\": \"" + status + "\"" + (outcome == null ? "" : ", \"outcome\": \"" + outcome + "\"") + "}")
                .post("/api/v1/introductions/" + id + "/progress").then();
    }

    @Test
    void opportunitiesAreListedAndIntroductionsGoFromProposedToClosedWithTheirOutcome() {
        String partner = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Banque " + UUID.randomUUID() + "\", \"kind\": \"BANK\"}").post("/api/v1/partners")
                .then().statusCode(201).extract().path("id");
        String opportunity = given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"kind": "GRANT", "title": "Subvention innovation", "partnerId": "%s", "deadline": "2099-06-30",
                 "eligibleStages": ["EARLY_REVENUE"]}""".formatted(partner)).post("/api/v1/opportunities")
                .then().statusCode(201).extract().path("id");
        given().get("/api/v1/opportunities").then().statusCode(200).body("id", hasItem(opportunity));
        // a deadline already passed would open a closed opportunity, listed nowhere: refused, nothing stored
        long before = TestInfra.count("SELECT count(*) FROM opportunity");
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"kind": "GRANT", "title": "Trop tard", "deadline": "2020-01-01", "eligibleStages": ["IDEA"]}""")
                .post("/api/v1/opportunities").then().statusCode(400).body("errors.field", hasItem("deadline"));
        assertEquals(before, TestInfra.count("SELECT count(*) FROM opportunity"));
        String startup = ProgrammesTest.startups(1, "EARLY_REVENUE").get(0);
        String id = given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"startupId\": \"" + startup + "\", \"partnerId\": \"" + partner + "\", \"opportunityId\": \"" + opportunity + "\"}")
                .post("/api/v1/introductions").then().statusCode(201).body("status", equalTo("PROPOSED")).extract().path("id");
        step(id, "MET", null).statusCode(409);
        step(id, "ACCEPTED", null).statusCode(200);
        ma.technopark.testing.ConditionalGets.assertVersionIsTheETag(PM, "/api/v1/introductions/" + id);
        step(id, "MET", null).statusCode(200);
        step(id, "CLOSED", null).statusCode(400);
        try (EventProbe probe = EventProbe.on("technopark.programs.v1")) {
            step(id, "CLOSED", "Prêt d'honneur accordé").statusCode(200).body("outcome", equalTo("Prêt d'honneur accordé"));
            var closed = probe.await(ofType("ma.technopark.programs.introduction.closed").and(withSubject(id)), 1, Duration.ofSeconds(30)).get(0);
            assertEquals("Prêt d'honneur accordé", json(closed).path("data").path("outcome").asText());
        }
        step(id, "ACCEPTED", null).statusCode(409);
        given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"startupId\": \"" + UUID.randomUUID() + "\", \"partnerId\": \"" + partner + "\"}")
                .post("/api/v1/introductions").then().statusCode(400).body("errors.field", hasItem("startupId"));
        given().auth().oauth2(PM).get("/api/v1/introductions/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void introductionsAreListedByStartupPartnerAndStatusPageByPage() {
        String partner = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Fonds " + UUID.randomUUID() + "\", \"kind\": \"INVESTOR\"}").post("/api/v1/partners")
                .then().statusCode(201).extract().path("id");
        java.util.List<String> startups = ProgrammesTest.startups(3, "GROWTH");
        java.util.List<String> made = new java.util.ArrayList<>();
        for (String startup : startups) {
            made.add(given().auth().oauth2(PM).contentType(ContentType.JSON)
                    .body("{\"startupId\": \"" + startup + "\", \"partnerId\": \"" + partner + "\"}")
                    .post("/api/v1/introductions").then().statusCode(201).extract().path("id"));
        }
        step(made.get(1), "ACCEPTED", null).statusCode(200);
        java.util.List<String> seen = new java.util.ArrayList<>();
        var first = given().auth().oauth2(PM).queryParam("partnerId", partner).queryParam("limit", 2)
                .get("/api/v1/introductions").then().statusCode(200).extract();
        seen.addAll(first.path("items.id"));
        String next = first.path("next");
        seen.addAll(given().auth().oauth2(PM).queryParam("partnerId", partner).queryParam("limit", 2).queryParam("cursor", next)
                .get("/api/v1/introductions").then().statusCode(200).body("next", equalTo(null)).extract().path("items.id"));
        assertEquals(made.stream().sorted().toList(), seen, "each of the partner's introductions once, oldest first");
        given().auth().oauth2(PM).queryParam("partnerId", partner).queryParam("status", "ACCEPTED").get("/api/v1/introductions")
                .then().statusCode(200).body("items.id", equalTo(java.util.List.of(made.get(1))));
        given().auth().oauth2(PM).queryParam("startupId", startups.get(2)).get("/api/v1/introductions")
                .then().statusCode(200).body("items.id", equalTo(java.util.List.of(made.get(2))));
        given().auth().oauth2(PM).queryParam("status", "LOST").get("/api/v1/introductions").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        given().auth().oauth2(DevTokens.subject("s").groups("startup").sign()).get("/api/v1/introductions").then().statusCode(403);
    }
}
