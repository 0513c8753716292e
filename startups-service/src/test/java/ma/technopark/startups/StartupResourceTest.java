package ma.technopark.startups;

import static io.restassured.RestAssured.given;
import static ma.technopark.startups.StartupFixtures.ADMIN;
import static ma.technopark.startups.StartupFixtures.ice;
import static ma.technopark.startups.StartupFixtures.knownSite;
import static ma.technopark.startups.StartupFixtures.register;
import static ma.technopark.startups.StartupFixtures.startupJson;
import static ma.technopark.startups.StartupFixtures.startupToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.AtOnce;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StartupResourceTest {

    @Test
    void registersReadsFiltersAndSearchesWithoutAccents() {
        String site = knownSite();
        String id = register(startupJson("Atelier d'Éssaouira Numérique", ice(), site, "TOURISM_TECH", "GROWTH"));
        register(startupJson("Autre " + site, ice(), site, "FINTECH", "IDEA"));
        given().auth().oauth2(ADMIN).get("/api/v1/startups/" + id).then().statusCode(200)
                .body("brandName", equalTo("Atelier d'Éssaouira Numérique")).body("status", equalTo("REGISTERED"))
                .body("founders[0].email", equalTo("salma@example.org")).body("description.ar", equalTo("شركة ناشئة"));
        given().auth().oauth2(ADMIN).queryParam("site", site).queryParam("sector", "TOURISM_TECH").queryParam("stage", "GROWTH")
                .queryParam("status", "REGISTERED").get("/api/v1/startups").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        given().auth().oauth2(ADMIN).queryParam("site", site).queryParam("q", "essaouira numerique").get("/api/v1/startups")
                .then().statusCode(200).body("items.id", equalTo(List.of(id)));
        given().auth().oauth2(ADMIN).queryParam("site", site).queryParam("q", "ÉSSAOUIRA").get("/api/v1/startups")
                .then().body("items", hasSize(1));
        given().auth().oauth2(ADMIN).queryParam("site", site).queryParam("limit", 1).get("/api/v1/startups")
                .then().body("items", hasSize(1)).body("next", not(equalTo(null)));
    }

    @Test
    void theIceIsFifteenDigitsAndUnique() {
        String taken = ice();
        register(startupJson("Ice " + taken, taken, null, "SOFTWARE", "IDEA"));
        for (String bad : new String[] {"12345678901234", "1234567890123AB", "1234567890123456"}) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(startupJson("Bad", bad, null, "SOFTWARE", "IDEA"))
                    .post("/api/v1/startups").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("ice"));
        }
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(startupJson("Dup", taken, null, "SOFTWARE", "IDEA"))
                .post("/api/v1/startups").then().statusCode(409).body("errors.field", hasItem("ice"));
        // nor may another startup take it by an update (keeping its own is checked in updatesNeedACurrentIfMatch)
        String other = register(startupJson("Other " + taken, ice(), null, "SOFTWARE", "IDEA"));
        String etag = given().auth().oauth2(ADMIN).get("/api/v1/startups/" + other).then().extract().header("ETag");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag)
                .body(startupJson("Other " + taken, taken, null, "SOFTWARE", "IDEA")).put("/api/v1/startups/" + other)
                .then().statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("ice"));
        org.junit.jupiter.api.Assertions.assertEquals(1, TestInfra.count("SELECT count(*) FROM startup WHERE ice = ?", taken));
    }

    /** The same new ICE registered eight times at once: one startup, seven 409 problems naming the ICE, no 500. */
    @Test
    void registrationsOfOneIceAtOnceMakeOneStartupAndConflicts() throws Exception {
        String ice = ice();
        AtOnce.assertOneCreatedOthersConflict(AtOnce.send(8, i -> given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(startupJson("Same ICE " + ice + " " + i, ice, null, "SOFTWARE", "IDEA")).post("/api/v1/startups")),
                "ice-taken", "ice");
        org.junit.jupiter.api.Assertions.assertEquals(1, TestInfra.count("SELECT count(*) FROM startup WHERE ice = ?", ice));
        // and one event: the losers' rows and events went with their transactions
        org.junit.jupiter.api.Assertions.assertEquals(1, TestInfra.count(
                "SELECT count(*) FROM outbox_event WHERE envelope::text LIKE ?", "%Same ICE " + ice + "%"));
    }

    @Test
    void invalidProfilesAreRefusedNamingTheField() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(startupJson("NoSite", ice(), "NOWHERE", "SOFTWARE", "IDEA")).post("/api/v1/startups")
                .then().statusCode(400).body("errors.field", hasItem("homeSiteCode"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(startupJson("Holder", ice(), null, "SOFTWARE", "IDEA").replace("INCORPORATED_STARTUP", "PROJECT_HOLDER"))
                .post("/api/v1/startups").then().statusCode(400).body("errors.field", hasItem("ice"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(startupJson("NoFounder", ice(), null, "SOFTWARE", "IDEA").replaceAll("\\[\\{.*?\\}\\]", "[]"))
                .post("/api/v1/startups").then().statusCode(400).body("errors.field", hasItem("founders"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(startupJson("BadSector", ice(), null, "SPACE_MINING", "IDEA")).post("/api/v1/startups")
                .then().statusCode(400).body("errors.field", hasItem("sector"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(startupJson("BadMail", ice(), null, "SOFTWARE", "IDEA").replace("salma@example.org", "salma"))
                .post("/api/v1/startups").then().statusCode(400).body("errors.field", hasItem("founders[0].email"));
        given().auth().oauth2(ADMIN).get("/api/v1/startups/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void updatesNeedACurrentIfMatch() {
        String ice = ice();
        String id = register(startupJson("Versioned", ice, null, "SOFTWARE", "IDEA"));
        String etag = given().auth().oauth2(ADMIN).get("/api/v1/startups/" + id).then().extract().header("ETag");
        String changed = startupJson("Versioned", ice, null, "SOFTWARE", "PROTOTYPE_MVP");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(changed).put("/api/v1/startups/" + id).then().statusCode(428);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"99\"").body(changed)
                .put("/api/v1/startups/" + id).then().statusCode(412);
        given().auth().oauth2(startupToken(id)).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put("/api/v1/startups/" + id).then().statusCode(200).body("stage", equalTo("PROTOTYPE_MVP"));
    }

    @Test
    void aStartupTokenSeesAndEditsOnlyItsOwnProfile() {
        String a = register(startupJson("Scope A", ice(), null, "SOFTWARE", "IDEA"));
        String iceB = ice();
        String b = register(startupJson("Scope B", iceB, null, "SOFTWARE", "IDEA"));
        String tokenA = startupToken(a);
        given().auth().oauth2(tokenA).get("/api/v1/startups/" + a).then().statusCode(200);
        given().auth().oauth2(tokenA).get("/api/v1/startups/" + b).then().statusCode(404);
        given().auth().oauth2(tokenA).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(startupJson("Scope B", iceB, null, "SOFTWARE", "GROWTH")).put("/api/v1/startups/" + b).then().statusCode(404);
        given().auth().oauth2(tokenA).get("/api/v1/startups").then().statusCode(200).body("items.id", equalTo(List.of(a)));
        String partner = DevTokens.subject("bank").groups("partner").partnerId("p1").sign();
        given().auth().oauth2(partner).get("/api/v1/startups/" + a).then().statusCode(403);
        given().auth().oauth2(tokenA).contentType(ContentType.JSON).body(startupJson("Self", ice(), null, "SOFTWARE", "IDEA"))
                .post("/api/v1/startups").then().statusCode(403);
        given().get("/api/v1/startups").then().statusCode(401);
    }
}
