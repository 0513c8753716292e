package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.SiteFixtures.siteJson;
import static ma.technopark.sites.SiteFixtures.uniqueCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.AtOnce;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SiteResourceTest {
    private static final String ADMIN = DevTokens.admin();

    static Response create(String body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/sites");
    }

    @Test
    void registersReadsAndListsASite() {
        String code = uniqueCode();
        Response created = create(siteJson(code));
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/sites/"))
                .header("ETag", notNullValue())
                .body("code", equalTo(code))
                .body("status", equalTo("PLANNED"))
                .body("name.ar", equalTo("تكنوبارك"))
                .body("investment.amount", equalTo("20000000.00"))
                .body("investment.currency", equalTo("MAD"));
        String id = created.path("id");
        String etag = created.header("ETag");

        given().get("/api/v1/sites/" + id).then().statusCode(200).header("ETag", equalTo(etag)).body("code", equalTo(code));
        given().header("If-None-Match", etag).get("/api/v1/sites/" + id).then().statusCode(304);
        given().queryParam("city", "Essaouira").queryParam("status", "PLANNED").queryParam("region", "MARRAKECH_SAFI")
                .queryParam("kind", "TECHNOPARK").queryParam("cursor", PageRequest.encode(justBefore(id)))
                .get("/api/v1/sites").then().statusCode(200).body("items[0].code", equalTo(code));
    }

    /** An id just below the given one (same time, smallest random part), so that a page starting after it begins with it. */
    private static UUID justBefore(String id) {
        UUID u = UUID.fromString(id);
        return new UUID(u.getMostSignificantBits() - 1, u.getLeastSignificantBits());
    }

    @Test
    void paginatesWithACursorAndALinkHeader() {
        for (int i = 0; i < 3; i++) {
            create(siteJson(uniqueCode())).then().statusCode(201);
        }
        Response first = given().queryParam("limit", 2).get("/api/v1/sites");
        first.then().statusCode(200).body("items", hasSize(2)).body("next", notNullValue())
                .header("Link", containsString("rel=\"next\""));
        String next = first.path("next");
        Response second = given().queryParam("limit", 2).queryParam("cursor", next).get("/api/v1/sites");
        second.then().statusCode(200);
        String lastOfFirst = first.path("items[1].id");
        String firstOfSecond = second.path("items[0].id");
        assertEquals(-1, Integer.signum(lastOfFirst.compareTo(firstOfSecond)), "pages follow each other in id order");
        given().queryParam("limit", 101).get("/api/v1/sites").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().queryParam("cursor", "not-a-cursor!").get("/api/v1/sites").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void updatesRequireACurrentIfMatch() {
        String code = uniqueCode();
        Response created = create(siteJson(code));
        String id = created.path("id");
        String etag = created.header("ETag");
        String changed = siteJson(code).replace("\"hostingCapacity\": 70", "\"hostingCapacity\": 80");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(changed).put("/api/v1/sites/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"999\"").body(changed)
                .put("/api/v1/sites/" + id).then().statusCode(412).contentType("application/problem+json");
        String newEtag = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put("/api/v1/sites/" + id).then().statusCode(200).body("hostingCapacity", equalTo(80))
                .extract().header("ETag");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put("/api/v1/sites/" + id).then().statusCode(412);
        given().get("/api/v1/sites/" + id).then().header("ETag", equalTo(newEtag)).body("hostingCapacity", equalTo(80));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponseAndCreatesNothingMore() {
        String code = uniqueCode();
        String key = "key-" + code;
        Response first = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(siteJson(code)).post("/api/v1/sites");
        first.then().statusCode(201);
        Response replay = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(siteJson(code)).post("/api/v1/sites");
        replay.then().statusCode(201).header("Location", equalTo(first.header("Location")))
                .header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getMap(""), replay.jsonPath().getMap(""));
        assertEquals(1, TestInfra.count("SELECT count(*) FROM site WHERE code = ?", code));

        String other = uniqueCode();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(siteJson(other)).post("/api/v1/sites")
                .then().statusCode(422).contentType("application/problem+json");

        // a key is kept 24 hours: past that, the same key starts afresh
        TestInfra.execute("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = ?", key);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(siteJson(other)).post("/api/v1/sites")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(1, TestInfra.count("SELECT count(*) FROM site WHERE code = ?", other));
    }

    @Test
    void statusMovesFollowTheLifeCycle() {
        String id = create(siteJson(uniqueCode())).path("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"status\": \"OPERATIONAL\"}")
                .post("/api/v1/sites/" + id + "/status").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("PLANNED"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"status\": \"UNDER_CONSTRUCTION\"}")
                .post("/api/v1/sites/" + id + "/status").then().statusCode(200).body("status", equalTo("UNDER_CONSTRUCTION"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"status\": \"OPERATIONAL\"}")
                .post("/api/v1/sites/" + id + "/status").then().statusCode(200).body("status", equalTo("OPERATIONAL"));
    }

    @Test
    void aDuplicateCodeIsAConflictNamingTheField() {
        String code = uniqueCode();
        create(siteJson(code)).then().statusCode(201);
        create(siteJson(code)).then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
    }

    /** One new code registered six times at once: one site and one event, five 409s naming the code, no 500. */
    @Test
    void registrationsOfOneCodeAtOnceMakeOneSite() throws Exception {
        String code = uniqueCode();
        AtOnce.assertOneCreatedOthersConflict(AtOnce.send(6, i -> create(siteJson(code))), "site-code-taken", "code");
        assertEquals(1, TestInfra.count("SELECT count(*) FROM site WHERE code = ?", code));
        assertEquals(1, TestInfra.count("SELECT count(*) FROM outbox_event WHERE envelope::text LIKE ?", "%\"" + code + "\"%"));
    }

    @Test
    void theProblemSchemaIsDeclaredOnEveryOperation() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.Problem", notNullValue())
                .body("paths.'/api/v1/sites'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/v1/sites'.get.responses.'401'", nullValue());
        given().get("/q/openapi").then().statusCode(200).contentType(containsString("yaml"))
                .body(containsString("application/problem+json"));
    }

    @Test
    void theEventsDocumentIsServedAsJsonAndYaml() {
        given().get("/q/asyncapi").then().statusCode(200).contentType("application/json")
                .body("asyncapi", notNullValue())
                .body("channels", notNullValue());
        given().get("/q/asyncapi?format=yaml").then().statusCode(200).contentType("application/yaml")
                .body(containsString("asyncapi:"));
    }
}
