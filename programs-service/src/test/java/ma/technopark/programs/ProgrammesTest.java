package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProgrammesTest {
    private static final String ADMIN = DevTokens.admin();
    private static final String PM = DevTokens.subject("pm").groups("programme-manager").sign();

    @TestHTTPResource("/")
    URL base;

    /** Startups as this service learns them: from startups-service's events. */
    static List<String> startups(int count, String stage) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            records.add(Map.entry(id, """
                    {"specversion":"1.0","id":"%s","source":"/startups-service","type":"ma.technopark.startups.startup.registered",
                     "time":"2026-11-26T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                     "data":{"id":"%s","kind":"INCORPORATED_STARTUP","brandName":"Startup %d","sector":"SOFTWARE","stage":"%s",
                             "status":"REGISTERED","homeSiteCode":"ESS","version":0}}
                    """.formatted(UUID.randomUUID(), id, id, i, stage)));
        }
        EventProbe.send("technopark.startups.v1", records);
        // the records have different keys, so they land on different partitions: wait for every one of them
        UUID[] all = ids.stream().map(UUID::fromString).toArray(UUID[]::new);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count(
                "SELECT count(*) FROM startup_replica WHERE id = ANY(?)", (Object) all) == all.length);
        return ids;
    }

    /** The site ESS, as this service learns it from sites-service's event (sent once per test JVM). */
    static synchronized void knowEssaouira() {
        if (TestInfra.count("SELECT count(*) FROM known_site WHERE code = 'ESS'") == 0) {
            knowSite("ESS", "Technopark d'Essaouira", "Essaouira", "MARRAKECH_SAFI", 70);
        }
    }

    /** A site of the network, as this service learns it from sites-service's event. */
    static void knowSite(String code, String name, String city, String region, int hostingCapacity) {
        String id = UUID.randomUUID().toString();
        EventProbe.send("technopark.sites.v1", List.of(Map.entry(id, """
                {"specversion":"1.0","id":"%s","source":"/sites-service","type":"ma.technopark.sites.site.registered",
                 "time":"2026-11-26T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"id":"%s","code":"%s","nameFr":"%s","city":"%s","region":"%s",
                         "kind":"TECHNOPARK","status":"OPERATIONAL","hostingCapacity":%d,"version":0}}
                """.formatted(UUID.randomUUID(), id, id, code, name, city, region, hostingCapacity))));
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count("SELECT count(*) FROM known_site WHERE code = ?", code) == 1);
    }

    static String programme(String stages, String fundingConvention) {
        knowEssaouira();
        String code = "P" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        return given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"code": "%s", "name": {"fr": "Incubation Essaouira", "ar": "احتضان", "en": "Incubation"},
                 "kind": "INCUBATION", "durationMonths": 12, "eligibleStages": %s, "siteCodes": ["ESS"]%s}
                """.formatted(code, stages, fundingConvention == null ? "" : ", \"fundingConventionIds\": [\"" + fundingConvention + "\"]"))
                .post("/api/v1/programmes").then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
    }

    static String openCohort(String programme, int capacity) {
        given().auth().oauth2(PM).post("/api/v1/programmes/" + programme + "/publication").then().statusCode(200);
        String cohort = given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"programmeId": "%s", "name": "Promotion 2027", "siteCode": "ESS", "startDate": "2027-03-01",
                 "endDate": "2028-03-01", "capacity": %d}""".formatted(programme, capacity))
                .post("/api/v1/cohorts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(PM).post("/api/v1/cohorts/" + cohort + "/opening").then().statusCode(200).body("status", equalTo("OPEN"));
        return cohort;
    }

    static ValidatableResponse enrol(String token, String cohort, String startup) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"startupId\": \"" + startup + "\"}")
                .post("/api/v1/cohorts/" + cohort + "/enrolments").then();
    }

    @Test
    void aProgrammeIsPublicOncePublishedAndMovesDraftPublishedClosed() {
        String id = programme("[\"IDEA\"]", null);
        given().get("/api/v1/programmes/" + id).then().statusCode(404);
        given().get("/api/v1/programmes").then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(PM).post("/api/v1/programmes/" + id + "/publication").then().statusCode(200);
        given().get("/api/v1/programmes/" + id).then().statusCode(200).body("name.ar", equalTo("احتضان"))
                .body("eligibleStages", equalTo(List.of("IDEA")));
        given().get("/api/v1/programmes").then().body("id", hasItem(id));
        given().auth().oauth2(PM).post("/api/v1/programmes/" + id + "/publication").then().statusCode(409);
        given().auth().oauth2(PM).post("/api/v1/programmes/" + id + "/closure").then().statusCode(200).body("status", equalTo("CLOSED"));
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"code\": \"x\", \"name\": {\"fr\": \"\"}, \"kind\": \"NAP\"}")
                .post("/api/v1/programmes").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/programmes").then().statusCode(401);
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("""
                {"code": "NOWHERE-1", "name": {"fr": "Nulle part"}, "kind": "TRAINING", "durationMonths": 6,
                 "eligibleStages": ["IDEA"], "siteCodes": ["ATLANTIS"]}""").post("/api/v1/programmes").then().statusCode(400)
                .body("errors.field", hasItem("siteCodes"));
    }

    @Test
    void aStartupAtAStageTheProgrammeDoesNotTakeIsRefusedNamingTheRule() {
        String idea = startups(1, "IDEA").get(0);
        String mvp = startups(1, "PROTOTYPE_MVP").get(0);
        String cohort = openCohort(programme("[\"PROTOTYPE_MVP\", \"EARLY_REVENUE\"]", null), 5);
        enrol(PM, cohort, idea).statusCode(409).contentType("application/problem+json").body("type", containsString("not-eligible"))
                .body("detail", containsString("PROTOTYPE_MVP"));
        enrol(PM, cohort, mvp).statusCode(201).body("status", equalTo("ACCEPTED"));
        enrol(PM, cohort, mvp).statusCode(409).body("type", containsString("already-enrolled"));
        enrol(PM, cohort, UUID.randomUUID().toString()).statusCode(400).body("errors.field", hasItem("startupId"));
    }

    @Test
    void fiftyConcurrentEnrolmentsIntoTwentyPlacesGiveExactlyTwenty() {
        List<String> ids = startups(50, "EARLY_REVENUE");
        String cohort = openCohort(programme("[\"EARLY_REVENUE\"]", null), 20);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (String startup : ids) {
            responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/v1/cohorts/" + cohort + "/enrolments"))
                    .header("Authorization", "Bearer " + PM).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"startupId\": \"" + startup + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long accepted = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 201).count();
        long full = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 409 && r.body().contains("cohort-full")).count();
        assertEquals(20, accepted);
        assertEquals(30, full);
        assertEquals(20, TestInfra.count("SELECT count(*) FROM enrolment WHERE cohort_id = ? AND status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED')",
                UUID.fromString(cohort)));
        given().get("/api/v1/cohorts/" + cohort).then().body("placed", equalTo(20));
    }

    @Test
    void enrolmentsMoveAppliedAcceptedActiveCompletedAndAStartupAppliesForItself() {
        List<String> ids = startups(2, "GROWTH");
        String cohort = openCohort(programme("[\"GROWTH\"]", null), 1);
        String token = DevTokens.subject("founder").groups("startup").startupId(ids.get(0)).sign();
        String applied = enrol(token, cohort, ids.get(0)).statusCode(201).body("status", equalTo("APPLIED")).extract().path("id");
        enrol(token, cohort, ids.get(1)).statusCode(403);
        String other = enrol(PM, cohort, ids.get(1)).statusCode(201).extract().path("id");
        given().auth().oauth2(PM).post("/api/v1/enrolments/" + applied + "/acceptance").then().statusCode(409)
                .body("type", containsString("cohort-full"));
        given().auth().oauth2(PM).post("/api/v1/enrolments/" + other + "/drop").then().statusCode(200);
        // the cohort's view counts its places: an enrolment decision moves its ETag, a refused one does not
        String before = given().get("/api/v1/cohorts/" + cohort).then().statusCode(200).body("placed", equalTo(0))
                .extract().header("ETag");
        given().auth().oauth2(PM).post("/api/v1/enrolments/" + other + "/acceptance").then().statusCode(409);
        given().header("If-None-Match", before).get("/api/v1/cohorts/" + cohort).then().statusCode(304);
        given().auth().oauth2(PM).post("/api/v1/enrolments/" + applied + "/acceptance").then().statusCode(200);
        given().header("If-None-Match", before).get("/api/v1/cohorts/" + cohort).then().statusCode(200).body("placed", equalTo(1));
        ma.technopark.testing.ConditionalGets.assertVersionIsTheETag(PM, "/api/v1/cohorts/" + cohort);
        ma.technopark.testing.ConditionalGets.assertVersionIsTheETag(PM, "/api/v1/enrolments/" + applied);
        given().auth().oauth2(PM).post("/api/v1/enrolments/" + applied + "/completion").then().statusCode(409);
        given().auth().oauth2(PM).post("/api/v1/enrolments/" + applied + "/activation").then().statusCode(200);
        given().auth().oauth2(PM).post("/api/v1/enrolments/" + applied + "/completion").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        given().auth().oauth2(token).get("/api/v1/enrolments/" + applied).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/enrolments/" + other).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/cohorts/" + cohort + "/enrolments").then().body("id", equalTo(List.of(applied)));
    }

    @Test
    void beneficiariesAreCreditedToTheConventionsThatFundTheProgramme() {
        String partner = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"INDH " + UUID.randomUUID() + "\", \"kind\": \"INDH\"}").post("/api/v1/partners")
                .then().statusCode(201).extract().path("id");
        String convention = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("""
                {"title": "Programmes d'accompagnement", "object": "PROGRAMME_DELIVERY", "siteCode": "ESS",
                 "signatureDate": "2023-11-24", "startDate": "2024-01-01", "budget": {"amount": "5000000.00", "currency": "MAD"},
                 "targetBeneficiaries": 300, "partnerIds": ["%s"]}""".formatted(partner))
                .post("/api/v1/conventions").then().statusCode(201).extract().path("id");
        List<String> ids = startups(3, "IDEA");
        ma.technopark.testing.ConditionalGets.assertVersionIsTheETag(ADMIN, "/api/v1/conventions/" + convention);
        String cohort = openCohort(programme("[\"IDEA\"]", convention), 10);
        List<String> enrolments = new ArrayList<>();
        for (String id : ids) {
            enrolments.add(enrol(PM, cohort, id).statusCode(201).extract().path("id"));
        }
        given().auth().oauth2(PM).post("/api/v1/enrolments/" + enrolments.get(2) + "/drop").then().statusCode(200);
        given().auth().oauth2(PM).get("/api/v1/conventions/" + convention + "/beneficiaries").then().statusCode(200)
                .body("beneficiaries", equalTo(2)).body("target", equalTo(300));
        String ownPartner = DevTokens.subject("indh").groups("partner").partnerId(partner).sign();
        String otherPartner = DevTokens.subject("bank").groups("partner").partnerId(UUID.randomUUID().toString()).sign();
        given().auth().oauth2(ownPartner).get("/api/v1/conventions/" + convention).then().statusCode(200)
                .body("budget.amount", equalTo("5000000.00"));
        given().auth().oauth2(otherPartner).get("/api/v1/conventions/" + convention).then().statusCode(404);
        // the funders' CSV: one line per place credited, for the parties to the convention only
        byte[] csv = given().auth().oauth2(ownPartner).get("/api/v1/conventions/" + convention + "/beneficiaries/export")
                .then().statusCode(200).contentType("text/csv").extract().asByteArray();
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(text.startsWith("\uFEFFstartupId,brandName,kind,sector,stage,homeSiteCode,"
                + "programmeCode,cohort,cohortSiteCode,cohortStart,cohortEnd,status\r\n"), text);
        org.junit.jupiter.api.Assertions.assertEquals(3, text.split("\r\n").length, text);
        given().auth().oauth2(otherPartner).get("/api/v1/conventions/" + convention + "/beneficiaries/export").then().statusCode(404);
        given().auth().oauth2(PM).queryParam("from", "1990-01-01").queryParam("to", "1990-12-31")
                .get("/api/v1/conventions/" + convention + "/beneficiaries/export").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("ACCEPTED")));
        long network = TestInfra.count("SELECT count(DISTINCT startup_id) FROM enrolment WHERE status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED')");
        given().get("/api/v1/beneficiary-figures").then().statusCode(200).body("beneficiaries", equalTo((int) network))
                .body("target", equalTo(1300));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"title\": \"x\", \"object\": \"SITE_OPERATION\", \"startDate\": \"2024-01-01\", \"partnerIds\": [\"" + UUID.randomUUID() + "\"]}")
                .post("/api/v1/conventions").then().statusCode(400).body("errors.field", hasItem("partnerIds"));
    }
}
