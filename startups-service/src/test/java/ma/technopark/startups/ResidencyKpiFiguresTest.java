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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.testing.AtOnce;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResidencyKpiFiguresTest {
    private static final int LAST_YEAR = LocalDate.now().getYear() - 1;

    /** An application taken to ACCEPTED through the API. */
    static String accepted(String startup, String site) {
        String token = startupToken(startup);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"startupId\": \"" + startup + "\", \"siteCode\": \"" + site + "\", \"seats\": 2}")
                .post("/api/v1/applications").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).post("/api/v1/applications/" + id + "/submission").then().statusCode(200);
        given().auth().oauth2(MANAGER).post("/api/v1/applications/" + id + "/screening").then().statusCode(200);
        given().auth().oauth2(MANAGER).post("/api/v1/applications/" + id + "/committee").then().statusCode(200);
        for (String reviewer : new String[] {MANAGER, MANAGER_2}) {
            given().auth().oauth2(reviewer).contentType(ContentType.JSON)
                    .body("{\"innovation\": 4, \"team\": 4, \"market\": 4, \"impact\": 4}")
                    .post("/api/v1/applications/" + id + "/reviews").then().statusCode(201);
        }
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body("{\"outcome\": \"ACCEPTED\", \"reason\": \"ok\"}")
                .post("/api/v1/applications/" + id + "/decision").then().statusCode(200);
        return id;
    }

    /** What sites-service answers, as its event. */
    static void hosting(String type, String application, String startup, String site) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/sites-service","type":"ma.technopark.sites.hosting.%s",
                 "time":"2026-11-26T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"allocationId":%s,"applicationId":"%s","startupId":"%s","siteId":"%s","siteCode":"%s",
                         "seats":2,"startDate":"2027-01-01"}}
                """.formatted(UUID.randomUUID(), type, startup, type.equals("allocated") ? "\"" + UUID.randomUUID() + "\"" : "null",
                application, startup, UUID.randomUUID(), site);
        EventProbe.send("technopark.sites.v1", List.of(Map.entry(startup, event)));
    }

    static String residencyOf(String startup) {
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count("SELECT count(*) FROM residency WHERE startup_id = ?",
                UUID.fromString(startup)) == 1);
        return given().auth().oauth2(ADMIN).queryParam("startupId", startup).get("/api/v1/residencies").then().statusCode(200)
                .extract().path("items[0].id");
    }

    @Test
    void theSitesAnswersTurnAnAcceptedApplicationIntoAResidencyAndAnEndIsPublished() {
        String site = knownSite();
        String startup = register(startupJson("Resident", ice(), site, "CLEANTECH", "EARLY_REVENUE"));
        String waiting = register(startupJson("Waiting", ice(), site, "CLEANTECH", "EARLY_REVENUE"));
        String application = accepted(startup, site);
        String waitingApplication = accepted(waiting, site);

        hosting("waitlisted", waitingApplication, waiting, site);
        hosting("allocated", application, startup, site);
        hosting("allocated", application, startup, site); // a second answer for the same application: no second residency
        String residency = residencyOf(startup);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count(
                "SELECT count(*) FROM application WHERE id = ? AND hosting = 'WAITLISTED'", UUID.fromString(waitingApplication)) == 1);
        given().auth().oauth2(ADMIN).get("/api/v1/applications/" + application).then().body("hosting", equalTo("ALLOCATED"));
        given().auth().oauth2(ADMIN).get("/api/v1/residencies/" + residency).then().statusCode(200)
                .body("status", equalTo("ADMITTED")).body("siteCode", equalTo(site));
        given().auth().oauth2(ADMIN).get("/api/v1/startups/" + startup).then().body("status", equalTo("RESIDENT"));

        given().auth().oauth2(ADMIN).post("/api/v1/residencies/" + residency + "/arrival").then().statusCode(200)
                .body("status", equalTo("RESIDENT"));
        ma.technopark.testing.ConditionalGets.assertVersionIsTheETag(ADMIN, "/api/v1/residencies/" + residency);
        given().auth().oauth2(ADMIN).post("/api/v1/residencies/" + residency + "/arrival").then().statusCode(409);
        try (EventProbe probe = EventProbe.on("technopark.startups.v1")) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"outcome\": \"GRADUATED\"}")
                    .post("/api/v1/residencies/" + residency + "/end").then().statusCode(200).body("status", equalTo("GRADUATED"));
            var ended = probe.await(ofType("ma.technopark.startups.residency.ended").and(EventProbe.withSubject(residency)), 1,
                    Duration.ofSeconds(30)).get(0);
            assertEquals(application, json(ended).path("data").path("applicationId").asText());
        }
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"outcome\": \"EXITED\"}")
                .post("/api/v1/residencies/" + residency + "/end").then().statusCode(409);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"outcome\": \"RESIDENT\"}")
                .post("/api/v1/residencies/" + residency + "/end").then().statusCode(400);
        given().auth().oauth2(ADMIN).get("/api/v1/startups/" + startup).then().body("status", equalTo("ALUMNI"));
        given().auth().oauth2(startupToken(waiting)).get("/api/v1/residencies/" + residency).then().statusCode(404);
    }

    private static String kpi(int year, int quarter, String revenue, int employees) {
        return "{\"year\": " + year + ", \"quarter\": " + quarter + ", \"revenue\": {\"amount\": \"" + revenue
                + "\", \"currency\": \"MAD\"}, \"employees\": " + employees
                + ", \"fundsRaised\": {\"amount\": \"0.00\", \"currency\": \"MAD\"}, \"customers\": 10}";
    }

    /** A quarter's report sent six times at once: one report, five 409s naming the quarter, no 500. */
    @Test
    void oneQuartersReportSentAtOnceIsKeptOnce() throws Exception {
        String startup = register(startupJson("Kpi race", ice(), null, "FINTECH", "GROWTH"));
        String token = startupToken(startup);
        AtOnce.assertOneCreatedOthersConflict(AtOnce.send(6, i -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(kpi(LAST_YEAR, 3, "1000.00", i + 1)).post("/api/v1/startups/" + startup + "/kpi-reports")),
                "period-reported", "quarter");
        assertEquals(1, TestInfra.count("SELECT count(*) FROM kpi_report WHERE startup_id = ?::uuid", startup));
    }

    @Test
    void oneKpiReportPerQuarterCorrectedWithIfMatchAndOnlyByItsStartup() {
        String a = register(startupJson("Kpi A", ice(), null, "FINTECH", "GROWTH"));
        String b = register(startupJson("Kpi B", ice(), null, "FINTECH", "GROWTH"));
        String token = startupToken(a);
        var created = given().auth().oauth2(token).contentType(ContentType.JSON).body(kpi(LAST_YEAR, 2, "150000.50", 7))
                .post("/api/v1/startups/" + a + "/kpi-reports").then().statusCode(201)
                .body("revenue.amount", equalTo("150000.50")).extract();
        String id = created.path("id");
        String etag = created.header("ETag");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(kpi(LAST_YEAR, 2, "1.00", 1))
                .post("/api/v1/startups/" + a + "/kpi-reports").then().statusCode(409).body("errors.field", hasItem("quarter"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(kpi(LAST_YEAR, 2, "160000.00", 8))
                .put("/api/v1/startups/" + a + "/kpi-reports/" + id).then().statusCode(428);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"42\"").body(kpi(LAST_YEAR, 2, "160000.00", 8))
                .put("/api/v1/startups/" + a + "/kpi-reports/" + id).then().statusCode(412);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(kpi(LAST_YEAR, 2, "160000.00", 8))
                .put("/api/v1/startups/" + a + "/kpi-reports/" + id).then().statusCode(200).body("employees", equalTo(8));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(kpi(LocalDate.now().getYear() + 1, 1, "1.00", 1))
                .post("/api/v1/startups/" + a + "/kpi-reports").then().statusCode(400).body("errors.field", hasItem("quarter"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(kpi(LAST_YEAR, 5, "-1.00", -1))
                .post("/api/v1/startups/" + a + "/kpi-reports").then().statusCode(400);
        given().auth().oauth2(startupToken(b)).get("/api/v1/startups/" + a + "/kpi-reports").then().statusCode(404);
        given().auth().oauth2(startupToken(b)).contentType(ContentType.JSON).body(kpi(LAST_YEAR, 3, "1.00", 1))
                .post("/api/v1/startups/" + a + "/kpi-reports").then().statusCode(404);
        given().auth().oauth2(ADMIN).get("/api/v1/startups/" + a + "/kpi-reports").then().statusCode(200).body("", hasSize(1));
    }

    @Test
    void overduePeriodsAreTheUnreportedQuartersOfAResidency() {
        String site = knownSite();
        String startup = register(startupJson("Overdue", ice(), site, "HEALTHTECH", "GROWTH"));
        hosting("allocated", accepted(startup, site), startup, site);
        residencyOf(startup);
        TestInfra.execute("UPDATE residency SET admitted_at = ? WHERE startup_id = ?",
                java.time.OffsetDateTime.of(LAST_YEAR, 8, 15, 9, 0, 0, 0, java.time.ZoneOffset.UTC), UUID.fromString(startup));
        given().auth().oauth2(startupToken(startup)).contentType(ContentType.JSON).body(kpi(LAST_YEAR, 3, "1000.00", 2))
                .post("/api/v1/startups/" + startup + "/kpi-reports").then().statusCode(201);
        given().auth().oauth2(startupToken(startup)).get("/api/v1/startups/" + startup + "/kpi-reports/overdue").then().statusCode(200)
                .body("[0]", equalTo(LAST_YEAR + "-Q4"));
    }

    @Test
    void figuresEqualWhatTheRowsAddUpTo() {
        String site = knownSite();
        String one = register(startupJson("Fig 1", ice(), site, "SOFTWARE", "GROWTH"));
        String two = register(startupJson("Fig 2", ice(), site, "SOFTWARE", "GROWTH"));
        register(startupJson("Fig 3", ice(), site, "SOFTWARE", "IDEA").replace("INCORPORATED_STARTUP", "PROJECT_HOLDER")
                .replaceAll("\"ice\": \"[0-9]+\", \"rcNumber\": \"RC 1\",", "\"ice\": null,"));
        hosting("allocated", accepted(one, site), one, site);
        hosting("allocated", accepted(two, site), two, site);
        String residency = residencyOf(one);
        residencyOf(two);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"outcome\": \"EXITED\"}")
                .post("/api/v1/residencies/" + residency + "/end").then().statusCode(200);
        String tokenOne = startupToken(one);
        for (int q = 1; q <= 4; q++) {
            given().auth().oauth2(tokenOne).contentType(ContentType.JSON).body(kpi(LAST_YEAR, q, "250000.25", 3 + q))
                    .post("/api/v1/startups/" + one + "/kpi-reports").then().statusCode(201);
        }
        given().auth().oauth2(startupToken(two)).contentType(ContentType.JSON).body(kpi(LAST_YEAR, 4, "1000000.00", 20))
                .post("/api/v1/startups/" + two + "/kpi-reports").then().statusCode(201);
        given().get("/api/v1/startup-figures?siteCode=" + site).then().statusCode(200)
                .body("startupsAccompanied", equalTo(2)).body("currentResidents", equalTo(1))
                .body("beneficiariesByKind.INCORPORATED_STARTUP", equalTo(2)).body("beneficiariesByKind.PROJECT_HOLDER", equalTo(1))
                .body("revenueYear", equalTo(LAST_YEAR)).body("revenue.amount", equalTo("2000001.00"))
                .body("employees", equalTo(7 + 20));
        long accompanied = TestInfra.count("SELECT count(DISTINCT startup_id) FROM residency");
        long residents = TestInfra.count("SELECT count(*) FROM residency WHERE status IN ('ADMITTED', 'RESIDENT')");
        given().get("/api/v1/startup-figures").then().statusCode(200)
                .body("startupsAccompanied", equalTo((int) accompanied)).body("currentResidents", equalTo((int) residents));
    }
}
