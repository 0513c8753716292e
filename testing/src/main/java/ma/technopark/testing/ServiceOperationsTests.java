package ma.technopark.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

/**
 * What every service must answer for operations: health (readiness with the database, wellness with the outbox),
 * the OpenAPI document and Prometheus metrics. A service's test extends it and adds {@code @QuarkusTest}.
 */
public abstract class ServiceOperationsTests {

    @Test
    void healthSaysWhetherItCanTakeRequestsAndHowItsOutboxFares() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // readiness is the database; not the broker, without which a service still takes writes (their events wait in
        // its outbox): the outbox's own check is in wellness
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", not(hasItem("Kafka connection health check")));
        given().get("/q/health/well").then()
                .body("checks.find { it.name == 'outbox' }.data.unpublished", greaterThanOrEqualTo(0));
    }

    @Test
    void servesOpenApiAndMetrics() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200).body("openapi", containsString("3."));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
