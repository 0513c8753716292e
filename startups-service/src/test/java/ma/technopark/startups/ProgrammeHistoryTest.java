package ma.technopark.startups;

import static io.restassured.RestAssured.given;
import static ma.technopark.startups.StartupFixtures.ADMIN;
import static ma.technopark.startups.StartupFixtures.ice;
import static ma.technopark.startups.StartupFixtures.register;
import static ma.technopark.startups.StartupFixtures.startupJson;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProgrammeHistoryTest {

    @Test
    void aCompletedProgrammeIsRecordedOnceInTheStartupsHistory() {
        String startup = register(startupJson("Alumna", ice(), null, "SOFTWARE", "GROWTH"));
        UUID enrolment = UUID.randomUUID();
        String event = """
                {"specversion":"1.0","id":"%s","source":"/programs-service","type":"ma.technopark.programs.enrolment.completed",
                 "time":"2027-03-01T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"enrolmentId":"%s","startupId":"%s","cohortId":"%s","programmeId":"%s","programmeCode":"INCUB-ESS",
                         "programmeName":"Incubation Essaouira","siteCode":"ESS","status":"COMPLETED"}}
                """.formatted(UUID.randomUUID(), enrolment, enrolment, startup, UUID.randomUUID(), UUID.randomUUID());
        EventProbe.send("technopark.programs.v1", List.of(Map.entry(enrolment.toString(), event), Map.entry(enrolment.toString(), event)));
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count(
                "SELECT count(*) FROM programme_completion WHERE startup_id = ?", UUID.fromString(startup)) == 1);
        given().auth().oauth2(ADMIN).get("/api/v1/startups/" + startup + "/programmes").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].programmeCode", equalTo("INCUB-ESS"));
        given().auth().oauth2(StartupFixtures.startupToken(UUID.randomUUID().toString()))
                .get("/api/v1/startups/" + startup + "/programmes").then().statusCode(404);
    }
}
