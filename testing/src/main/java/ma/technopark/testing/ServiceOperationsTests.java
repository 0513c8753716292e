package ma.technopark.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/**
 * What every service must answer for operations: health with the database and Kafka, the OpenAPI
 * document and Prometheus metrics. A service's test extends it and adds {@code @QuarkusTest}.
 */
public abstract class ServiceOperationsTests {

    @Test
    void healthChecksTheDatabaseAndKafka() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void servesOpenApiAndMetrics() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200).body("openapi", containsString("3."));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
