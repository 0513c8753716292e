package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.SiteFixtures.siteJson;
import static ma.technopark.sites.SiteFixtures.uniqueCode;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

/** Every error is application/problem+json with the right status, and leaks nothing internal. */
@QuarkusTest
class ErrorResponsesTest {
    private static final String ADMIN = DevTokens.admin();

    @TestHTTPResource("/api/v1/sites")
    URI sites;

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", containsString("https://technopark.ma/problems/"))
                .body("title", not(equalTo(null)))
                .body(allOf(not(containsString("Exception")), not(containsString("at ma.")), not(containsString("SELECT")),
                        not(containsString("java."))));
    }

    @Test
    void theSameInvalidRequestIsExplainedInFrenchArabicOrEnglish() {
        String invalid = "{\"code\": \"X\"}";
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(invalid).post("/api/v1/sites").then(), 400)
                .header("Content-Language", "fr").body("title", equalTo("Requête invalide"))
                .body("type", equalTo("https://technopark.ma/problems/validation"));
        problem(given().auth().oauth2(ADMIN).header("Accept-Language", "ar-MA, fr;q=0.5").contentType(ContentType.JSON)
                .body(invalid).post("/api/v1/sites").then(), 400)
                .header("Content-Language", "ar").body("title", equalTo("طلب غير صالح"))
                .body("type", equalTo("https://technopark.ma/problems/validation"));
        problem(given().auth().oauth2(ADMIN).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(invalid).post("/api/v1/sites").then(), 400)
                .header("Content-Language", "en").body("title", equalTo("Invalid request"))
                .body("type", equalTo("https://technopark.ma/problems/validation"));
        // and so do the services' own details and field messages
        String code = uniqueCode();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(siteJson(code)).post("/api/v1/sites").then().statusCode(201);
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(siteJson(code)).post("/api/v1/sites").then(), 409)
                .body("title", equalTo("Conflit")).body("detail", equalTo("Un site de code " + code + " existe"))
                .body("errors[0].message", equalTo("est déjà pris"));
        problem(given().auth().oauth2(ADMIN).header("Accept-Language", "ar").contentType(ContentType.JSON).body(siteJson(code))
                .post("/api/v1/sites").then(), 409)
                .body("title", equalTo("تعارض")).body("detail", equalTo("يوجد موقع بالرمز " + code))
                .body("errors[0].message", equalTo("مأخوذ مسبقا"));
        problem(given().auth().oauth2(ADMIN).header("Accept-Language", "en").contentType(ContentType.JSON).body(siteJson(code))
                .post("/api/v1/sites").then(), 409)
                .body("title", equalTo("Conflict")).body("detail", equalTo("A site with code " + code + " exists"))
                .body("errors[0].message", equalTo("is already taken"));
        // validation messages follow the language too
        String blankName = "{\"code\": \"ZZ1\", \"name\": {\"fr\": \" \"}, \"city\": \"Fès\", \"region\": \"FES_MEKNES\", \"kind\": \"TECHNOPARK\"}";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(blankName).post("/api/v1/sites").then().statusCode(400)
                .body("errors.find { it.field == 'name.fr' }.message", equalTo("ne doit pas être vide"));
        given().auth().oauth2(ADMIN).header("Accept-Language", "en").contentType(ContentType.JSON).body(blankName)
                .post("/api/v1/sites").then().statusCode(400)
                .body("errors.find { it.field == 'name.fr' }.message", equalTo("must not be blank"));
        // a language the platform does not speak falls back to French; details the platform writes follow the language
        problem(given().header("Accept-Language", "de").get("/api/v1/sites/" + java.util.UUID.randomUUID()).then(), 404)
                .body("title", equalTo("Introuvable")).body("detail", containsString("Aucun(e) site avec l'identifiant"));
        problem(given().header("Accept-Language", "en").get("/api/v1/sites/" + java.util.UUID.randomUUID()).then(), 404)
                .body("title", equalTo("Not found")).body("detail", containsString("No site with id"));
        problem(given().header("Accept-Language", "ar").get("/api/v1/sites/" + java.util.UUID.randomUUID()).then(), 404)
                .body("title", equalTo("غير موجود")).body("detail", containsString("لا يوجد موقع بالمعرف"));
    }

    @Test
    void everyTranslationOfTheCatalogFitsItsExpression() throws Exception {
        String catalog;
        try (var in = getClass().getClassLoader().getResourceAsStream("problems/details.tsv")) {
            catalog = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int lines = 0;
        for (String line : catalog.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            org.junit.jupiter.api.Assertions.assertEquals(3, parts.length, line);
            int groups = java.util.regex.Pattern.compile(parts[0]).matcher("").groupCount();
            for (String template : new String[] {parts[1], parts[2]}) {
                java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\\$(\\d)").matcher(template);
                while (refs.find()) {
                    org.junit.jupiter.api.Assertions.assertTrue(Integer.parseInt(refs.group(1)) <= groups, line);
                }
            }
            lines++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(lines > 80, "the catalog has " + lines + " translations");
    }

    @Test
    void malformedJsonIs400() {
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\": \"X").post("/api/v1/sites")
                .then(), 400).body("type", containsString("malformed-json"));
    }

    @Test
    void aWrongContentTypeIs415() {
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.TEXT).body("code=X").post("/api/v1/sites").then(), 415);
    }

    @Test
    void aMissingBodyIs400() {
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).post("/api/v1/sites").then(), 400)
                .body("errors.field", equalTo(List.of("body")));
    }

    @Test
    void anUnknownRouteIs404() {
        problem(given().get("/api/v1/nothing-here").then(), 404);
        problem(given().get("/no/such/path").then(), 404);
    }

    @Test
    void aWrongMethodIs405() {
        problem(given().auth().oauth2(ADMIN).delete("/api/v1/sites").then(), 405);
    }

    @Test
    void anUnknownIdIs404AndAMalformedOne400() {
        problem(given().get("/api/v1/sites/0190a1b2-0000-7000-8000-000000000000").then(), 404);
        // malformed input is the caller's error, in a path as in a query (docs/decisions.md)
        // the answer names the parameter that did not convert, and an enum's accepted values
        problem(given().get("/api/v1/sites/not-a-uuid").then(), 400).body("errors.field", equalTo(java.util.List.of("id")))
                .body("detail", equalTo("id: a un type ou un format incorrect (attendu, par exemple : "
                        + "0190a1b2-7c3d-7000-8000-00000000002a)"));
        problem(given().header("Accept-Language", "en").get("/api/v1/sites?limit=many").then(), 400)
                .body("errors.field", equalTo(java.util.List.of("limit")))
                .body("errors[0].message", equalTo("has the wrong type or format (expected, for example: 20)"));
        problem(given().header("Accept-Language", "en").get("/api/v1/sites?city=Rabat&region=ATLANTIS").then(), 400)
                .body("errors.field", equalTo(java.util.List.of("region")))
                .body("errors[0].message", allOf(containsString("must be one of"), containsString("MARRAKECH_SAFI")));
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(siteJson(uniqueCode()).replace("MARRAKECH_SAFI", "ATLANTIS")).post("/api/v1/sites").then(), 400)
                .body("detail", containsString("region: doit valoir l'une des valeurs"));
        problem(given().urlEncodingEnabled(false).get("/api/v1/sites?city=%00").then(), 400).body("errors.field", hasItem("city"));
    }

    @Test
    void anInvalidFieldIs400NamingItAndChangesNothing() {
        String code = uniqueCode();
        String body = siteJson(code).replace("\"hostingCapacity\": 70", "\"hostingCapacity\": -5");
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/sites").then(), 400)
                .body("errors.field", hasItem("hostingCapacity"));
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(siteJson(code).replace("MARRAKECH_SAFI", "ATLANTIS")).post("/api/v1/sites").then(), 400)
                .body("errors.field", hasItem("region"));
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(siteJson(code).replace("\"fr\": \"Technopark de test\", ", "")).post("/api/v1/sites").then(), 400)
                .body("errors.field", hasItem("name.fr"));
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(siteJson(code).replace("\"hostingCapacity\": 70", "\"hostingCapacity\": \"many\"")).post("/api/v1/sites")
                .then(), 400).body("errors.field", hasItem("hostingCapacity"))
                .body("detail", equalTo("hostingCapacity: a un type ou un format incorrect (attendu, par exemple : 20)"));
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(siteJson(code).replace("Essaouira", "x".repeat(101))).post("/api/v1/sites").then(), 400)
                .body("errors.field", hasItem("city"));
        assertEquals(0, TestInfra.count("SELECT count(*) FROM site WHERE code = ?", code));
    }

    @Test
    void anUnknownQueryParameterIs400() {
        problem(given().queryParam("colour", "blue").get("/api/v1/sites").then(), 400).body("errors.field", hasItem("colour"));
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = siteJson(uniqueCode()).replace("\"address\"", "\"x\"").replace("}", ", \"padding\": \"" + "x".repeat(1_100_000) + "\"}");
        problem(given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(huge).post("/api/v1/sites").then(), 413);
    }

    /**
     * A body sent without a length (chunked) is read whole before the endpoint runs, up to the same bound: past it the
     * answer is the same 413 and nothing is created; under it the pieces make one body.
     */
    @Test
    void aChunkedBodyIsBoundedAndReadWhole() throws Exception {
        String code = uniqueCode();
        String huge = siteJson(code).replace("}", ", \"padding\": \"" + "x".repeat(1_100_000) + "\"}");
        HttpResponse<String> refused = postInPieces(huge);
        assertEquals(413, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertTrue(refused.body().contains("\"type\":\"https://technopark.ma/problems/payload-too-large\""), refused.body());
        assertEquals(0, TestInfra.count("SELECT count(*) FROM site WHERE code = ?", code));
        HttpResponse<String> created = postInPieces(siteJson(code));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(1, TestInfra.count("SELECT count(*) FROM site WHERE code = ?", code));
    }

    /** POSTs a site over HTTP/1.1 as a stream of unknown length (sent chunked), 100 bytes at a time. */
    private HttpResponse<String> postInPieces(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(sites).version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.BufferedInputStream(
                        new java.io.ByteArrayInputStream(bytes), 100) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) throws java.io.IOException {
                        return super.read(b, off, Math.min(len, 100));
                    }
                })).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRequestIdIsEchoedOrGenerated() {
        given().header("X-Request-Id", "abc-123").get("/api/v1/sites").then().header("X-Request-Id", "abc-123");
        given().get("/api/v1/sites").then().header("X-Request-Id", not(equalTo(null)));
    }
}
