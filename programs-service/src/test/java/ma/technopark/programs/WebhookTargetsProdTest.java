package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import ma.technopark.infra.DevTokens;
import org.junit.jupiter.api.Test;

/** With production's setting (no private targets), a subscription URL on loopback or a private range is a 400 on url. */
@QuarkusTest
@TestProfile(WebhookTargetsProdTest.ProdTargets.class)
class WebhookTargetsProdTest {

    public static class ProdTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("technopark.webhooks.allow-private-targets", "false");
        }
    }

    @Test
    void loopbackAndPrivateRangesAreRefusedNamingTheField() {
        String partner = given().auth().oauth2(DevTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"SSRF " + UUID.randomUUID() + "\", \"kind\": \"BANK\"}")
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
        String token = DevTokens.subject("bank").groups("partner").partnerId(partner).sign();
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "http://10.0.0.8/hook", "http://localhost/hook",
            "http://169.254.169.254/latest/meta-data", "http://192.168.1.10/x", "http://[::1]/x"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"url\": \"" + url + "\", \"eventTypes\": [\"programs.programme.published\"]}")
                    .post("/api/v1/webhook-subscriptions").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url")).body("errors[0].message", containsString("adresse publique"));
        }
    }
}
