package ma.technopark.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A backend that is down: fast 503 for its routes only, a dashboard that names the missing part, recovery. */
@QuarkusTest
@QuarkusTestResource(StandInBackends.class)
class ResilienceTest {

    @BeforeEach
    void documentsKnown() {
        GatewayTests.awaitDocuments();
        StandInBackends.stopPrograms();
    }

    @Test
    void aBackendDownIs503ForItsRoutesOnlyAndItsRoutesRecoverByThemselves() {
        // programs-service is down: its routes (known from the route table) answer 503 problem+json within the timeout
        for (int i = 0; i < 3; i++) {
            given().get("/api/v1/programmes").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue()).body("status", equalTo(503))
                    .body("detail", org.hamcrest.Matchers.containsString("programs-service"))
                    .time(lessThan(2000L), TimeUnit.MILLISECONDS);
        }
        // the other services' routes are untouched
        given().get("/api/v1/sites/abc").then().statusCode(200);
        given().get("/api/v1/startup-figures").then().statusCode(200);
        // the circuit is open now: answered at once, without trying the backend
        given().get("/api/v1/programmes").then().statusCode(503).time(lessThan(200L), TimeUnit.MILLISECONDS);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'backends' }.data.sites", equalTo("UP"))
                .body("checks.find { it.name == 'backends' }.data.startups", equalTo("UP"))
                .body("checks.find { it.name == 'backends' }.data.programs", equalTo("DOWN"));
        given().get("/api/v1/network/dashboard").then().statusCode(200)
                .body("complete", equalTo(false))
                .body("missing", hasSize(1))
                .body("missing[0].part", equalTo("beneficiaries"))
                .body("missing[0].service", equalTo("programs-service"))
                .body("beneficiaries", nullValue())
                .body("startups.accompanied", equalTo(1200));

        StandInBackends.startPrograms();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v1/programmes").statusCode() == 200);
            given().get("/api/v1/programmes").then().statusCode(200).body("backend", equalTo("programs"));
            await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/ready").statusCode() == 200
                    && given().get("/q/openapi?format=json").asString().contains("/api/v1/beneficiary-figures"));
            given().get("/api/v1/network/dashboard").then().statusCode(200).body("complete", equalTo(true))
                    .body("beneficiaries.count", equalTo(1312)).body("beneficiaries.target", equalTo(1300));
        } finally {
            StandInBackends.stopPrograms();
        }
    }

    @Test
    void theDashboardDrawsEachFigureFromItsService() {
        given().get("/api/v1/network/dashboard").then().statusCode(200)
                .body("sites.operational", equalTo(11))
                .body("sites.planned", equalTo(2))
                .body("sites.cities.count", equalTo(8))
                .body("sites.cities.target", equalTo(10))
                .body("sites.cities.gap", equalTo(2))
                .body("sites.regions.count", equalTo(7))
                .body("sites.regions.gap", equalTo(0))
                .body("occupancy.allocatedSeats", equalTo(600))
                .body("occupancy.sitesWithoutHostingCapacity", equalTo(2))
                .body("occupancy.startupsHostedAtSitesWithCapacity", equalTo(210))
                .body("occupancy.nomadsPresent", equalTo(7))
                .body("startups.residents", equalTo(250))
                .body("startups.revenue.amount", equalTo("1200000000.00"))
                .body("startups.jobs", equalTo(3100));
    }
}
