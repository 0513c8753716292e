package ma.technopark.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import ma.technopark.infra.DevTokens;

/** Shared helpers of the gateway's tests. */
final class GatewayTests {
    static final String ADMIN = DevTokens.admin();

    private GatewayTests() {
    }

    /** Waits until the gateway has merged the stand-ins' documents (it fetches them right after it starts). */
    static void awaitDocuments() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String doc = given().get("/q/openapi?format=json").asString();
            return doc.contains("/api/v1/sites/{id}") && doc.contains("/api/v1/startup-figures");
        });
    }
}
