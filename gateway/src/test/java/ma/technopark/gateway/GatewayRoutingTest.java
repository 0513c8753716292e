package ma.technopark.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInBackends.class)
class GatewayRoutingTest {

    @Test
    void routesByTheFirstSegmentAndPassesHeadersOn() {
        given().header("X-Request-Id", "req-42").auth().oauth2("a-token").queryParam("limit", 5)
                .get("/api/v1/sites/abc").then().statusCode(200)
                .header("ETag", "\"7\"")
                .header("X-Request-Id", "req-42")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/sites/abc?limit=5"))
                .body("requestId", equalTo("req-42"))
                .body("authorization", equalTo("Bearer a-token"));
    }

    @Test
    void streamsRequestBodies() {
        String body = "{\"x\":\"" + "y".repeat(200_000) + "\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/sites").then().statusCode(200)
                .body("method", equalTo("POST")).body("bodyLength", equalTo(body.length()));
    }

    @Test
    void aBackendThatIsDownIs503ProblemWithinTheTimeout() {
        given().get("/api/v1/programmes").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("status", equalTo(503))
                .time(lessThan(3L), TimeUnit.SECONDS);
    }

    @Test
    void anUnknownRouteIs404Problem() {
        given().get("/api/v1/unknown-things").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readinessListsEachBackend() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'backends' }.data.sites", equalTo("UP"))
                .body("checks.find { it.name == 'backends' }.data.programs", equalTo("DOWN"));
    }
}
