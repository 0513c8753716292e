package ma.technopark.programs;

import static io.restassured.RestAssured.given;
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
import ma.technopark.testing.AtOnce;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadsAndTransitionsTest {
    private static final String ADMIN = DevTokens.admin();
    private static final String PM = DevTokens.subject("pm").groups("programme-manager").sign();

    @Test
    void cohortsRunThroughTheirLifeCycleAndPublishTheirEvents() {
        String programme = ProgrammesTest.programme("[\"SCALE\"]", null);
        String startup = ProgrammesTest.startups(1, "SCALE").get(0);
        try (EventProbe probe = EventProbe.on("technopark.programs.v1")) {
            String cohort = ProgrammesTest.openCohort(programme, 3);
            probe.await(ofType("ma.technopark.programs.programme.published").and(withSubject(programme)), 1, Duration.ofSeconds(30));
            probe.await(ofType("ma.technopark.programs.cohort.opened").and(withSubject(cohort)), 1, Duration.ofSeconds(30));
            String enrolment = ProgrammesTest.enrol(PM, cohort, startup).statusCode(201).extract().path("id");
            given().auth().oauth2(PM).post("/api/v1/cohorts/" + cohort + "/closure").then().statusCode(409);
            given().auth().oauth2(PM).post("/api/v1/cohorts/" + cohort + "/start").then().statusCode(200).body("status", equalTo("RUNNING"));
            ProgrammesTest.enrol(PM, cohort, ProgrammesTest.startups(1, "SCALE").get(0)).statusCode(409); // not open any more
            given().auth().oauth2(PM).post("/api/v1/enrolments/" + enrolment + "/activation").then().statusCode(200);
            given().auth().oauth2(PM).post("/api/v1/enrolments/" + enrolment + "/completion").then().statusCode(200);
            given().auth().oauth2(PM).post("/api/v1/cohorts/" + cohort + "/closure").then().statusCode(200).body("status", equalTo("CLOSED"));
            probe.await(ofType("ma.technopark.programs.enrolment.accepted").and(withSubject(enrolment)), 1, Duration.ofSeconds(30));
            probe.await(ofType("ma.technopark.programs.enrolment.completed").and(withSubject(enrolment)), 1, Duration.ofSeconds(30));
            given().get("/api/v1/programmes/" + programme + "/cohorts").then().statusCode(200).body("id", hasItem(cohort));
        }
        given().get("/api/v1/cohorts/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * The same new partner name, mentor e-mail and programme code, each sent six times at once (names and e-mails
     * in two cases, which are one name, one e-mail): one created, five 409s naming the field (the database's unique
     * constraint decides, not a query before the write), no 500.
     */
    @Test
    void oneNameEmailOrCodeSentAtOnceIsCreatedOnce() throws Exception {
        String name = "Banque " + UUID.randomUUID();
        AtOnce.assertOneCreatedOthersConflict(AtOnce.send(6, i -> given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"" + (i % 2 == 0 ? name : name.toUpperCase()) + "\", \"kind\": \"BANK\"}")
                .post("/api/v1/partners")), "partner-exists", "name");
        String email = "mentor-" + UUID.randomUUID() + "@example.org";
        AtOnce.assertOneCreatedOthersConflict(AtOnce.send(6, i -> given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"name\": \"Mentor " + i + "\", \"email\": \"" + (i % 2 == 0 ? email : email.toUpperCase())
                        + "\", \"expertise\": [\"export\"], \"languages\": [\"fr\"]}")
                .post("/api/v1/mentors")), "mentor-exists", "email");
        ProgrammesTest.knowEssaouira();
        String code = "R" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        AtOnce.assertOneCreatedOthersConflict(AtOnce.send(6, i -> given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("""
                        {"code": "%s", "name": {"fr": "Incubation %d", "ar": "احتضان", "en": "Incubation"},
                         "kind": "INCUBATION", "durationMonths": 12, "eligibleStages": ["IDEA"], "siteCodes": ["ESS"]}
                        """.formatted(code, i)).post("/api/v1/programmes")), "programme-code-taken", "code");
        assertEquals(1, TestInfra.count("SELECT count(*) FROM partner WHERE lower(name) = lower(?)", name));
        assertEquals(1, TestInfra.count("SELECT count(*) FROM mentor WHERE lower(email) = lower(?)", email));
        assertEquals(1, TestInfra.count("SELECT count(*) FROM programme WHERE code = ?", code));
    }

    @Test
    void partnersAndMentorsAreReadable() {
        String name = "Conseil régional " + UUID.randomUUID();
        String partner = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"kind\": \"REGIONAL_COUNCIL\", \"contactEmail\": \"crms@example.org\"}")
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"kind\": \"REGIONAL_COUNCIL\"}")
                .post("/api/v1/partners").then().statusCode(409).body("errors.field", hasItem("name"));
        given().auth().oauth2(PM).get("/api/v1/partners").then().statusCode(200).body("id", hasItem(partner));
        given().auth().oauth2(PM).get("/api/v1/partners/" + partner).then().statusCode(200).body("kind", equalTo("REGIONAL_COUNCIL"));
        given().auth().oauth2(PM).get("/api/v1/partners/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"name\": \"x\", \"kind\": \"BANK\"}")
                .post("/api/v1/partners").then().statusCode(403);
        String email = "mentor-" + UUID.randomUUID() + "@example.org";
        String mentor = given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"name\": \"Leila\", \"email\": \"" + email + "\", \"expertise\": [\"export\"], \"languages\": [\"fr\"]}")
                .post("/api/v1/mentors").then().statusCode(201).extract().path("id");
        given().auth().oauth2(PM).get("/api/v1/mentors").then().statusCode(200).body("id", hasItem(mentor));
        given().auth().oauth2(PM).get("/api/v1/mentors/" + mentor).then().statusCode(200).body("expertise[0]", equalTo("export"));
        given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"name\": \"Leila\", \"email\": \"" + email + "\", \"expertise\": [\"export\"], \"languages\": [\"fr\"]}")
                .post("/api/v1/mentors").then().statusCode(409);
        given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"startsAt\": \"2027-03-12T11:00:00+01:00\", \"endsAt\": \"2027-03-12T10:00:00+01:00\"}")
                .post("/api/v1/mentors/" + mentor + "/office-hours").then().statusCode(400).body("errors.field", hasItem("endsAt"));
        given().auth().oauth2(PM).get("/api/v1/sessions/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"startupId\": \"" + UUID.randomUUID() + "\", \"present\": true}")
                .post("/api/v1/sessions/" + UUID.randomUUID() + "/attendance").then().statusCode(404);
        given().auth().oauth2(PM).get("/api/v1/conventions").then().statusCode(200);
    }
}
