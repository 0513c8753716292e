package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.ofType;
import static ma.technopark.testing.EventProbe.withSubject;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * Correcting what was registered: programmes, partners, mentors and opportunities are replaced with PUT and
 * If-Match (428 without it, 412 when stale), their GET gives the ETag (304 when current), on the real database and
 * broker.
 */
@QuarkusTest
class CorrectionsTest {
    private static final String ADMIN = DevTokens.admin();
    private static final String PM = DevTokens.subject("pm").groups("programme-manager").sign();

    private static ValidatableResponse put(String token, String path, String etag, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.put(path).then();
    }

    private static String etag(String token, String path) {
        return given().auth().oauth2(token).get(path).then().statusCode(200).extract().header("ETag");
    }

    /** A new site of the network, known to this service. */
    private static String knownSite() {
        String code = "T" + Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
        ProgrammesTest.knowSite(code, "Site " + code, "Tanger", "TANGER_TETOUAN_AL_HOCEIMA", 40);
        return code;
    }

    private static String programmeBody(String code, String name, String sites) {
        return """
                {"code": "%s", "name": {"fr": "%s", "ar": "احتضان", "en": "Incubation"}, "description": {"fr": "Douze mois"},
                 "kind": "INCUBATION", "durationMonths": 12, "eligibleStages": ["IDEA", "PROTOTYPE_MVP"], "siteCodes": %s}
                """.formatted(code, name, sites);
    }

    @Test
    void aProgrammeIsCorrectedWithIfMatchUntilItClosesAndKeepsTheSitesOfItsCohorts() {
        String other = knownSite();
        String id = ProgrammesTest.programme("[\"IDEA\"]", null);
        String path = "/api/v1/programmes/" + id;
        String code = given().auth().oauth2(PM).get(path).path("code");
        assertEquals("\"0\"", etag(PM, path));
        given().auth().oauth2(PM).header("If-None-Match", "\"0\"").get(path).then().statusCode(304);

        String body = programmeBody(code, "Incubation Mogador", "[\"ESS\", \"" + other + "\"]");
        put(PM, path, null, body).statusCode(428).contentType("application/problem+json");
        put(PM, path, "\"7\"", body).statusCode(412);
        put(PM, path, "\"0\"", programmeBody("OTHER-CODE", "Incubation Mogador", "[\"ESS\"]")).statusCode(400)
                .body("errors.field", hasItem("code"));
        put(PM, path, "\"0\"", programmeBody(code, "Incubation Mogador", "[\"NOWHERE\"]")).statusCode(400)
                .body("errors.field", hasItem("siteCodes"));
        put(DevTokens.subject("s").groups("startup").startupId(UUID.randomUUID().toString()).sign(), path, "\"0\"", body)
                .statusCode(403);
        try (EventProbe probe = EventProbe.on("technopark.programs.v1")) {
            // a draft's change is not public: no event
            put(PM, path, "\"0\"", body).statusCode(200).header("ETag", "\"1\"").body("name.fr", equalTo("Incubation Mogador"))
                    .body("siteCodes", equalTo(List.of("ESS", other))).body("description.fr", equalTo("Douze mois"));
            // published with a cohort at ESS: a published programme's change is published
            String cohort = ProgrammesTest.openCohort(id, 10);
            String published = etag(PM, path);
            put(PM, path, published, programmeBody(code, "Incubation Essaouira-Mogador", "[\"ESS\"]")).statusCode(200);
            var updated = probe.await(ofType("ma.technopark.programs.programme.updated").and(withSubject(id)), 1, Duration.ofSeconds(30));
            assertEquals("Incubation Essaouira-Mogador", json(updated.get(0)).path("data").path("name").asText());
            assertEquals(1, probe.drain(ofType("ma.technopark.programs.programme.updated").and(withSubject(id)), Duration.ofSeconds(2)).size(),
                    "the draft's change published nothing");
            given().get(path).then().statusCode(200).body("name.fr", equalTo("Incubation Essaouira-Mogador")); // public

            // its cohort at ESS is not closed: ESS stays among its sites
            put(PM, path, etag(PM, path), programmeBody(code, "Incubation", "[\"" + other + "\"]")).statusCode(409)
                    .body("type", containsString("programme-has-cohorts")).body("detail", containsString("ESS"));
            for (String step : new String[] {"start", "closure"}) {
                given().auth().oauth2(PM).post("/api/v1/cohorts/" + cohort + "/" + step).then().statusCode(200);
            }
            put(PM, path, etag(PM, path), programmeBody(code, "Incubation", "[\"" + other + "\"]")).statusCode(200)
                    .body("siteCodes", equalTo(List.of(other)));
        }
        given().auth().oauth2(PM).post(path + "/closure").then().statusCode(200);
        put(PM, path, etag(PM, path), programmeBody(code, "Incubation close", "[]")).statusCode(409)
                .body("type", containsString("programme-closed"));
        put(PM, "/api/v1/programmes/" + UUID.randomUUID(), "\"0\"", body).statusCode(404);
    }

    @Test
    void aPartnerAndAMentorAreCorrectedWithIfMatchAndKeepTheirNamesUnique() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String partner = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Banque " + suffix + "\", \"kind\": \"BANK\"}").post("/api/v1/partners").then().statusCode(201)
                .header("ETag", "\"0\"").extract().path("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"Conseil " + suffix + "\", \"kind\": \"REGIONAL_COUNCIL\"}")
                .post("/api/v1/partners").then().statusCode(201);
        String path = "/api/v1/partners/" + partner;
        put(ADMIN, path, "\"0\"", "{\"name\": \"Conseil " + suffix + "\", \"kind\": \"BANK\"}").statusCode(409)
                .body("errors.field", hasItem("name"));
        put(PM, path, "\"0\"", "{\"name\": \"Banque " + suffix + "\", \"kind\": \"BANK\"}").statusCode(403); // admin only
        put(ADMIN, path, "\"0\"", "{\"name\": \"Banque " + suffix + "\", \"kind\": \"BANK\", \"contactEmail\": \"pme@example.org\"}")
                .statusCode(200).header("ETag", "\"1\"").body("contactEmail", equalTo("pme@example.org"));
        put(ADMIN, path, "\"0\"", "{\"name\": \"Banque " + suffix + "\", \"kind\": \"INVESTOR\"}").statusCode(412);
        put(ADMIN, path, "\"1\"", "{\"name\": \"Banque\", \"kind\": \"BANK\", \"contactEmail\": \"not an address\"}").statusCode(400)
                .body("errors.field", hasItem("contactEmail"));
        given().auth().oauth2(ADMIN).get(path).then().body("kind", equalTo("BANK")).body("contactEmail", equalTo("pme@example.org"));

        String mentor = given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"name": "Karim Alaoui", "email": "karim-%s@example.org", "expertise": ["levée de fonds"], "languages": ["fr"],
                 "siteCodes": ["ESS"]}""".formatted(suffix)).post("/api/v1/mentors").then().statusCode(201).extract().path("id");
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"name": "Leila Tazi", "email": "leila-%s@example.org", "expertise": ["marketing"], "languages": ["ar"]}"""
                .formatted(suffix)).post("/api/v1/mentors").then().statusCode(201);
        String mentorPath = "/api/v1/mentors/" + mentor;
        put(PM, mentorPath, etag(PM, mentorPath), """
                {"name": "Karim Alaoui", "email": "leila-%s@example.org", "expertise": ["marketing"], "languages": ["fr"]}"""
                .formatted(suffix)).statusCode(409).body("errors.field", hasItem("email"));
        put(PM, mentorPath, "\"0\"", """
                {"name": "Karim Alaoui", "email": "karim-%s@example.org", "expertise": ["levée de fonds", "export"],
                 "languages": ["fr", "ar"], "siteCodes": ["ESS"]}""".formatted(suffix)).statusCode(200).header("ETag", "\"1\"")
                .body("languages", equalTo(List.of("ar", "fr")));
        // mentors by expertise, language and site
        given().auth().oauth2(PM).queryParam("expertise", "export").queryParam("language", "ar").get("/api/v1/mentors").then()
                .statusCode(200).body("id", hasItem(mentor)).body("expertise.flatten()", not(hasItem("marketing")));
        given().auth().oauth2(PM).queryParam("language", "ar").queryParam("siteCode", "RBT").get("/api/v1/mentors").then()
                .statusCode(200).body("id", not(hasItem(mentor)));
        given().auth().oauth2(PM).queryParam("expertise", "marketing").get("/api/v1/mentors").then()
                .statusCode(200).body("email", hasItem("leila-" + suffix + "@example.org")).body("id", not(hasItem(mentor)));
    }

    @Test
    void anOpportunityIsReadByIdFilteredAndCorrected() {
        String partner = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Investisseur " + UUID.randomUUID() + "\", \"kind\": \"INVESTOR\"}").post("/api/v1/partners")
                .then().statusCode(201).extract().path("id");
        String deadline = LocalDate.now().plusMonths(2).toString();
        String body = """
                {"kind": "INVESTOR", "title": "Ticket d'amorçage", "partnerId": "%s", "deadline": "%s", "eligibleStages": ["EARLY_REVENUE"]}"""
                .formatted(partner, deadline);
        var created = given().auth().oauth2(PM).contentType(ContentType.JSON).body(body).post("/api/v1/opportunities").then()
                .statusCode(201).header("ETag", "\"0\"").extract();
        String id = created.path("id");
        assertEquals(true, created.header("Location").endsWith("/api/v1/opportunities/" + id));
        String path = "/api/v1/opportunities/" + id;
        given().get(path).then().statusCode(200).header("ETag", "\"0\"").body("title", equalTo("Ticket d'amorçage")); // public
        given().get("/api/v1/opportunities/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");

        // filters: by partner, by a stage it takes, by kind
        given().queryParam("partnerId", partner).get("/api/v1/opportunities").then().statusCode(200).body("id", equalTo(List.of(id)));
        given().queryParam("partnerId", partner).queryParam("stage", "EARLY_REVENUE").queryParam("kind", "INVESTOR")
                .get("/api/v1/opportunities").then().statusCode(200).body("id", equalTo(List.of(id)));
        given().queryParam("partnerId", partner).queryParam("stage", "IDEA").get("/api/v1/opportunities").then().body("size()", equalTo(0));
        given().queryParam("partnerId", partner).queryParam("kind", "GRANT").get("/api/v1/opportunities").then().body("size()", equalTo(0));
        given().queryParam("stage", "LATE").get("/api/v1/opportunities").then().statusCode(400).contentType("application/problem+json");

        put(PM, path, "\"0\"", body.replace(deadline, LocalDate.now().minusDays(1).toString())).statusCode(400)
                .body("errors.field", hasItem("deadline"));
        put(PM, path, "\"0\"", body.replace("[\"EARLY_REVENUE\"]", "[\"EARLY_REVENUE\", \"GROWTH\"]")).statusCode(200)
                .header("ETag", "\"1\"").body("eligibleStages", equalTo(List.of("EARLY_REVENUE", "GROWTH")));
        put(PM, path, "\"0\"", body).statusCode(412);
        put(ADMIN, "/api/v1/opportunities/" + UUID.randomUUID(), "\"0\"", body).statusCode(404);

        // once its deadline has passed it is no longer listed, but still read by id; moving the deadline lists it again
        TestInfra.execute("UPDATE opportunity SET deadline = current_date - 1 WHERE id = ?", UUID.fromString(id));
        given().queryParam("partnerId", partner).get("/api/v1/opportunities").then().body("size()", equalTo(0));
        given().get(path).then().statusCode(200);
        put(PM, path, "\"1\"", body).statusCode(200);
        given().queryParam("partnerId", partner).get("/api/v1/opportunities").then().body("id", equalTo(List.of(id)));
    }

    @Test
    void aCohortsCapacityNeverGoesBelowItsPlacesAndACohortWithSessionsAheadDoesNotClose() {
        String cohort = ProgrammesTest.openCohort(ProgrammesTest.programme("[\"IDEA\"]", null), 2);
        List<String> startups = ProgrammesTest.startups(3, "IDEA");
        ProgrammesTest.enrol(PM, cohort, startups.get(0)).statusCode(201);
        ProgrammesTest.enrol(PM, cohort, startups.get(1)).statusCode(201);
        ProgrammesTest.enrol(PM, cohort, startups.get(2)).statusCode(409).body("type", containsString("cohort-full"));
        String path = "/api/v1/cohorts/" + cohort + "/capacity";
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"capacity\": 1}").post(path).then().statusCode(409)
                .body("type", containsString("capacity-below-places")).body("errors.field", hasItem("capacity"));
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"capacity\": 0}").post(path).then().statusCode(400)
                .body("errors.field", hasItem("capacity"));
        given().auth().oauth2(DevTokens.subject("s").groups("startup").startupId(startups.get(2)).sign()).contentType(ContentType.JSON)
                .body("{\"capacity\": 30}").post(path).then().statusCode(403);
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"capacity\": 3}").post(path).then().statusCode(200)
                .body("capacity", equalTo(3));
        ProgrammesTest.enrol(PM, cohort, startups.get(2)).statusCode(201);
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"capacity\": 2}").post(path).then().statusCode(409);

        // a session ahead keeps its room booked: the cohort closes once it is cancelled
        UUID session = UUID.randomUUID();
        TestInfra.execute("INSERT INTO session (id, cohort_id, title, kind, space_id, booking_id, starts_at, ends_at, created_at)"
                + " VALUES (?, ?, 'Demo day', 'DEMO_DAY', ?, ?, now() + interval '3 days', now() + interval '3 days 2 hours', now())",
                session, UUID.fromString(cohort), UUID.randomUUID(), UUID.randomUUID());
        given().auth().oauth2(PM).post("/api/v1/cohorts/" + cohort + "/start").then().statusCode(200);
        given().auth().oauth2(PM).post("/api/v1/cohorts/" + cohort + "/closure").then().statusCode(409)
                .body("type", containsString("cohort-has-sessions")).body("detail", containsString("1"));
        TestInfra.execute("UPDATE session SET status = 'CANCELLED', cancelled_at = now() WHERE id = ?", session);
        given().auth().oauth2(PM).post("/api/v1/cohorts/" + cohort + "/closure").then().statusCode(200).body("status", equalTo("CLOSED"));
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"capacity\": 40}").post(path).then().statusCode(409)
                .body("type", containsString("illegal-transition"));
    }
}
