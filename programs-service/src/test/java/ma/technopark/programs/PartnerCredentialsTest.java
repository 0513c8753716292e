package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

/** A partner system gets tokens with client credentials issued by an admin; revoked or wrong ones get 401. */
@QuarkusTest
class PartnerCredentialsTest {
    private static final String ADMIN = DevTokens.admin();

    private static String partner() {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"INDH test " + UUID.randomUUID() + "\", \"kind\": \"INDH\"}")
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.Response exchange(String clientId, String secret) {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret).post("/api/v1/partner-tokens");
    }

    @Test
    void aValidSecretGetsAPartnerTokenARevokedOrWrongOneA401AndTheSecretIsStoredHashed() {
        String partner = partner();
        var issued = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"INDH reporting\"}")
                .post("/api/v1/partners/" + partner + "/clients").then().statusCode(201)
                .header("Cache-Control", "no-store").body("clientSecret", startsWith("tps_")).extract();
        String clientId = issued.path("clientId");
        String secret = issued.path("clientSecret");

        // the table holds a salted hash, never the secret
        assertEquals(0, TestInfra.count("SELECT count(*) FROM partner_client WHERE secret_hash LIKE ?", "%" + secret + "%"));
        assertEquals(1, TestInfra.count("SELECT count(*) FROM partner_client WHERE id = CAST(? AS uuid) AND secret_hash LIKE 'pbkdf2-sha256$%'",
                clientId));
        given().auth().oauth2(ADMIN).get("/api/v1/partners/" + partner + "/clients").then().statusCode(200)
                .body("[0].clientSecret", nullValue());

        // the exchange, in the form or as HTTP Basic; the token reaches partner routes with the partner's id
        String token = exchange(clientId, secret).then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900)).extract().path("access_token");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"partnerId\":\"" + partner + "\""), payload);
        given().auth().oauth2(token).get("/api/v1/conventions").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/partners/" + partner + "/clients").then().statusCode(403);
        given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/api/v1/partner-tokens").then().log().ifValidationFails().statusCode(200);

        // wrong secret, unknown client, wrong grant
        exchange(clientId, secret + "x").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://technopark.ma/problems/invalid-client"))
                .body("title", equalTo("Client non reconnu")); // in the caller's language, as every title
        exchange(UUID.randomUUID().toString(), secret).then().statusCode(401);
        exchange("not-a-uuid", secret).then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .post("/api/v1/partner-tokens").then().statusCode(400);

        // revoked: no more tokens
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .post("/api/v1/partners/" + partner + "/clients/" + clientId + "/revocation")
                .then().statusCode(200).body("revokedAt", org.hamcrest.Matchers.notNullValue());
        exchange(clientId, secret).then().statusCode(401);
        assertFalse(secret.isBlank());
    }
}
