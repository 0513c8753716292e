package ma.technopark.startups;

import static io.restassured.RestAssured.given;
import static ma.technopark.startups.StartupFixtures.ADMIN;
import static ma.technopark.startups.StartupFixtures.MANAGER;
import static ma.technopark.startups.StartupFixtures.MANAGER_2;
import static ma.technopark.startups.StartupFixtures.ice;
import static ma.technopark.startups.StartupFixtures.knownSite;
import static ma.technopark.startups.StartupFixtures.register;
import static ma.technopark.startups.StartupFixtures.startupJson;
import static ma.technopark.startups.StartupFixtures.startupToken;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.ofType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import ma.technopark.testing.EventProbe;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApplicationTest {
    private static final String REVIEW = "{\"innovation\": 4, \"team\": 3, \"market\": 4, \"impact\": 5, \"comment\": \"Prometteur\"}";

    private static ValidatableResponse act(String token, String id, String action) {
        return given().auth().oauth2(token).post("/api/v1/applications/" + id + "/" + action).then();
    }

    private static String draft(String startup, String site, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"startupId\": \"" + startup + "\", \"siteCode\": \"" + site + "\", \"seats\": 3, \"startDate\": \"2027-01-01\"}")
                .post("/api/v1/applications").then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
    }

    private static ValidatableResponse decide(String id, String outcome) {
        return given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body("{\"outcome\": \"" + outcome + "\", \"reason\": \"Dossier solide\"}")
                .post("/api/v1/applications/" + id + "/decision").then();
    }

    @Test
    void fromDraftToAcceptedWithReviewsAndTheAcceptanceIsPublished() {
        String site = knownSite();
        String startup = register(startupJson("Candidate", ice(), site, "AGRITECH", "PROTOTYPE_MVP"));
        String token = startupToken(startup);
        String id = draft(startup, site, token);
        try (EventProbe probe = EventProbe.on("technopark.startups.v1")) {
            act(token, id, "submission").statusCode(200).body("status", equalTo("SUBMITTED"));
            act(MANAGER, id, "screening").statusCode(200).body("status", equalTo("SCREENING"));
            given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(REVIEW).post("/api/v1/applications/" + id + "/reviews")
                    .then().statusCode(201).body("reviewer", equalTo("pm-1"));
            act(MANAGER, id, "committee").statusCode(200);
            decide(id, "ACCEPTED").statusCode(409).contentType("application/problem+json").body("detail", containsString("au moins 2"));
            given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(REVIEW).post("/api/v1/applications/" + id + "/reviews")
                    .then().statusCode(409).body("type", containsString("already-reviewed"));
            given().auth().oauth2(MANAGER_2).contentType(ContentType.JSON).body(REVIEW).post("/api/v1/applications/" + id + "/reviews")
                    .then().statusCode(201);
            given().auth().oauth2(MANAGER).get("/api/v1/applications/" + id + "/reviews").then().statusCode(200).body("", hasSize(2));
            decide(id, "ACCEPTED").statusCode(200).body("status", equalTo("ACCEPTED")).body("hosting", equalTo("PENDING"))
                    .body("decisionReason", equalTo("Dossier solide")).body("decidedBy", equalTo("pm-1"));
            var accepted = probe.await(ofType("ma.technopark.startups.application.accepted").and(EventProbe.withSubject(id)), 1,
                    Duration.ofSeconds(30)).get(0);
            assertEquals(site, json(accepted).path("data").path("siteCode").asText());
            assertEquals(3, json(accepted).path("data").path("seats").asInt());
            probe.await(ofType("ma.technopark.startups.application.submitted").and(EventProbe.withSubject(id)), 1, Duration.ofSeconds(30));
        }
        given().auth().oauth2(token).get("/api/v1/applications").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void everyIllegalTransitionIsAConflict() {
        String site = knownSite();
        String startup = register(startupJson("Illegal", ice(), site, "EDTECH", "IDEA"));
        String token = startupToken(startup);
        String id = draft(startup, site, token);
        act(MANAGER, id, "screening").statusCode(409).body("type", containsString("illegal-transition"));
        act(MANAGER, id, "committee").statusCode(409);
        decide(id, "ACCEPTED").statusCode(409);
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(REVIEW).post("/api/v1/applications/" + id + "/reviews")
                .then().statusCode(409);
        act(token, id, "submission").statusCode(200);
        act(token, id, "submission").statusCode(409);
        act(token, id, "withdrawal").statusCode(200).body("status", equalTo("WITHDRAWN"));
        act(token, id, "withdrawal").statusCode(409);
        act(MANAGER, id, "screening").statusCode(409);

        String rejected = draft(startup, site, token);
        act(token, rejected, "submission").statusCode(200);
        act(MANAGER, rejected, "screening").statusCode(200);
        act(MANAGER, rejected, "committee").statusCode(200);
        for (String reviewer : new String[] {MANAGER, MANAGER_2}) {
            given().auth().oauth2(reviewer).contentType(ContentType.JSON).body(REVIEW).post("/api/v1/applications/" + rejected + "/reviews")
                    .then().statusCode(201);
        }
        decide(rejected, "SUBMITTED").statusCode(400).body("errors.field", hasItem("outcome"));
        decide(rejected, "REJECTED").statusCode(200);
        decide(rejected, "ACCEPTED").statusCode(409);
        act(token, rejected, "withdrawal").statusCode(409);
    }

    @Test
    void applicationsComeAPageAtATimeOldestFirst() {
        String site = knownSite();
        String startup = register(startupJson("Paged", ice(), site, "SOFTWARE", "IDEA"));
        String token = startupToken(startup);
        java.util.List<String> ids = java.util.List.of(draft(startup, site, token), draft(startup, site, token),
                draft(startup, site, token));
        io.restassured.response.ExtractableResponse<?> first = given().auth().oauth2(token).queryParam("limit", 2)
                .get("/api/v1/applications").then().statusCode(200).body("items.id", equalTo(ids.subList(0, 2)))
                .header("Link", containsString("rel=\"next\"")).extract();
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", first.<String>path("next"))
                .get("/api/v1/applications").then().statusCode(200).body("items.id", equalTo(ids.subList(2, 3)))
                .body("next", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(ADMIN).queryParam("startupId", startup).queryParam("limit", 101).get("/api/v1/applications")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    void aStartupCannotTouchAnotherStartupsApplication() {
        String site = knownSite();
        String a = register(startupJson("Owner A", ice(), site, "SOFTWARE", "IDEA"));
        String b = register(startupJson("Owner B", ice(), site, "SOFTWARE", "IDEA"));
        String idB = draft(b, site, startupToken(b));
        String tokenA = startupToken(a);
        given().auth().oauth2(tokenA).get("/api/v1/applications/" + idB).then().statusCode(404);
        act(tokenA, idB, "submission").statusCode(404);
        act(tokenA, idB, "withdrawal").statusCode(404);
        given().auth().oauth2(tokenA).contentType(ContentType.JSON)
                .body("{\"startupId\": \"" + b + "\", \"siteCode\": \"" + site + "\", \"seats\": 1}")
                .post("/api/v1/applications").then().statusCode(404);
        given().auth().oauth2(tokenA).get("/api/v1/applications").then().body("items.id", org.hamcrest.Matchers.not(hasItem(idB)));
        act(tokenA, draft(a, site, tokenA), "screening").statusCode(403);
    }

    @Test
    void aDraftIsEditedWithIfMatchByItsStartupUntilItIsSubmitted() {
        String site = knownSite();
        String other = knownSite();
        String startup = register(startupJson("Brouillon", ice(), site, "SOFTWARE", "IDEA"));
        String token = startupToken(startup);
        String id = draft(startup, site, token);
        String path = "/api/v1/applications/" + id;
        given().auth().oauth2(token).get(path).then().statusCode(200).header("ETag", "\"0\"");
        given().auth().oauth2(token).header("If-None-Match", "\"0\"").get(path).then().statusCode(304);
        String edited = "{\"startupId\": \"" + startup + "\", \"siteCode\": \"" + other + "\", \"seats\": 5, \"motivation\": \"Plus grand\"}";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(edited).put(path).then().statusCode(428);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"3\"").body(edited).put(path).then().statusCode(412);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(edited.replace(startup, java.util.UUID.randomUUID().toString())).put(path).then().statusCode(400)
                .body("errors.field", hasItem("startupId"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(edited.replace(other, "NOWHERE")).put(path).then().statusCode(400).body("errors.field", hasItem("siteCode"));
        String stranger = startupToken(register(startupJson("Voisin", ice(), site, "SOFTWARE", "IDEA")));
        given().auth().oauth2(stranger).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(edited).put(path).then()
                .statusCode(404);
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(edited).put(path).then()
                .statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(edited).put(path).then()
                .statusCode(200).header("ETag", "\"1\"").body("siteCode", equalTo(other)).body("seats", equalTo(5))
                .body("motivation", equalTo("Plus grand")).body("startDate", org.hamcrest.Matchers.nullValue());
        act(token, id, "submission").statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"2\"").body(edited).put(path).then()
                .statusCode(409).body("type", containsString("illegal-transition"));
    }

    @Test
    void badApplicationsAreRefused() {
        String site = knownSite();
        String startup = register(startupJson("Bad app", ice(), site, "SOFTWARE", "IDEA"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"startupId\": \"" + startup + "\", \"siteCode\": \"NOWHERE\", \"seats\": 1}")
                .post("/api/v1/applications").then().statusCode(400).body("errors.field", hasItem("siteCode"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"startupId\": \"" + startup + "\", \"siteCode\": \"" + site + "\", \"seats\": 0}")
                .post("/api/v1/applications").then().statusCode(400).body("errors.field", hasItem("seats"));
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(REVIEW.replace("\"impact\": 5", "\"impact\": 6"))
                .post("/api/v1/applications/" + java.util.UUID.randomUUID() + "/reviews").then().statusCode(400)
                .body("errors.field", hasItem("impact"));
        given().auth().oauth2(ADMIN).get("/api/v1/applications/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
