package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.SiteFixtures.siteJson;
import static ma.technopark.sites.SiteFixtures.uniqueCode;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import ma.technopark.infra.DevTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityTest {

    private static io.restassured.response.ValidatableResponse post(String token) {
        var request = given().contentType(ContentType.JSON).body(siteJson(uniqueCode()));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post("/api/v1/sites").then();
    }

    @Test
    void noTokenOnAProtectedRouteIs401() {
        post(null).statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    @Test
    void aWrongRoleIs403() {
        post(DevTokens.subject("s1").groups("startup").startupId("x").sign()).statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIs401() {
        post(DevTokens.subject("a").groups("admin").lifetime(Duration.ofMinutes(-10)).sign()).statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        post(DevTokens.subject("a").groups("admin").sign(generator.generateKeyPair().getPrivate())).statusCode(401);
    }

    @Test
    void aWrongIssuerOrAudienceIs401() {
        post(DevTokens.subject("a").groups("admin").issuer("https://evil.example").sign()).statusCode(401);
        post(DevTokens.subject("a").groups("admin").audience("someone-else").sign()).statusCode(401);
    }

    @Test
    void aTamperedTokenIs401() {
        String token = DevTokens.subject("a").groups("startup").sign();
        String[] parts = token.split("\\.");
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("startup", "admin").getBytes());
        post(parts[0] + "." + payload + "." + parts[2]).statusCode(401);
    }

    @Test
    void theRightRoleSucceeds() {
        post(DevTokens.admin()).statusCode(201);
    }

    @Test
    void aSiteManagerManagesOnlyItsOwnSites() {
        String code = uniqueCode();
        var created = given().auth().oauth2(DevTokens.admin()).contentType(ContentType.JSON).body(siteJson(code))
                .post("/api/v1/sites");
        String id = created.path("id");
        String mine = DevTokens.subject("m").groups("site-manager").sites(code).sign();
        String other = DevTokens.subject("o").groups("site-manager").sites("OTHER").sign();
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{\"status\": \"UNDER_CONSTRUCTION\"}")
                .post("/api/v1/sites/" + id + "/status").then().statusCode(403);
        given().auth().oauth2(mine).contentType(ContentType.JSON).body("{\"status\": \"UNDER_CONSTRUCTION\"}")
                .post("/api/v1/sites/" + id + "/status").then().statusCode(200).body("status", equalTo("UNDER_CONSTRUCTION"));
    }

    @Test
    void publicReadsNeedNoToken() {
        given().get("/api/v1/sites").then().statusCode(200);
    }
}
