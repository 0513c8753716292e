package ma.technopark.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInBackends.class)
class GatewayRoutingTest {

    @BeforeEach
    void documentsKnown() {
        GatewayTests.awaitDocuments();
    }

    @Test
    void routesByTheOwnerAndPassesHeadersOn() {
        given().header("X-Request-Id", "req-42").auth().oauth2(GatewayTests.ADMIN).queryParam("limit", 5)
                .get("/api/v1/sites/abc").then().statusCode(200)
                .header("ETag", "\"7\"")
                .header("X-Request-Id", "req-42")
                .body("backend", equalTo("sites"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/sites/abc?limit=5"))
                .body("requestId", equalTo("req-42"))
                .body("authorization", equalTo("Bearer " + GatewayTests.ADMIN));
        given().auth().oauth2(GatewayTests.ADMIN).get("/api/v1/startups").then().statusCode(200).body("backend", equalTo("startups"));
    }

    @Test
    void oneTrailingSlashIsTheSamePathAsAtTheServices() {
        given().auth().oauth2(GatewayTests.ADMIN).get("/api/v1/sites/").then().statusCode(200)
                .body("backend", equalTo("sites")).body("uri", equalTo("/api/v1/sites/"));
        given().get("/api/v1/sites//").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theServicesOwnAddressIsNotHandedToCallers() {
        given().auth().oauth2(GatewayTests.ADMIN).get("/api/v1/allocations").then().statusCode(200)
                .header("Location", equalTo("/api/v1/allocations/42"))
                .header("Link", equalTo("</api/v1/allocations?cursor=abc>; rel=\"next\""));
        given().auth().oauth2(GatewayTests.ADMIN).header("Origin", "http://localhost:3000").get("/api/v1/startups").then().statusCode(200)
                .header("Location", equalTo("/api/v1/startups/42"));
    }

    @Test
    void aRequestIdIsMadeWhenAbsentPassedOnAndEchoedOnce() {
        Response response = given().get("/api/v1/sites/abc");
        response.then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        assertEquals(1, response.headers().getList("X-Request-Id").size());
        assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("requestId"));
    }

    @Test
    void metricsCountForwardedRequestsPerOperationNotPerId() {
        String id = java.util.UUID.randomUUID().toString();
        given().get("/api/v1/sites/" + id).then().statusCode(200);
        given().get("/api/v1/sites/" + java.util.UUID.randomUUID()).then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.containsString(
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/sites/{id}\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(id)));
    }

    @Test
    void bothLanesAnswerWithTheSecurityHeadersAndOneRequestId() {
        // without Origin: the fast lane; with it: Quarkus' full chain (CORS first); the gateway's own operation too
        for (Response response : java.util.List.of(given().get("/api/v1/sites/abc"),
                given().header("Origin", "http://localhost:3000").get("/api/v1/sites/abc"),
                given().get("/api/v1/unknown-things"),
                given().auth().oauth2(GatewayTests.ADMIN).get("/api/v1/network/dashboard"))) {
            response.then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            assertEquals(1, response.headers().getList("X-Request-Id").size());
        }
    }

    @Test
    void traceparentReachesTheBackend() {
        // The OpenTelemetry SDK is off in tests, so the gateway passes the caller's trace context on unchanged; with
        // the SDK on, it sends its own span (same trace id) instead.
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().header("traceparent", traceparent).get("/api/v1/sites/abc").then().statusCode(200)
                .body("traceparent", equalTo(traceparent));
    }

    @Test
    void streamsRequestBodies() {
        String body = "{\"x\":\"" + "y".repeat(200_000) + "\"}";
        given().auth().oauth2(GatewayTests.ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/sites").then()
                .statusCode(200).body("method", equalTo("POST")).body("bodyLength", equalTo(body.length()));
    }

    @Test
    void conditionalGetPassesThroughAs304() {
        given().header("If-None-Match", "\"7\"").get("/api/v1/sites/abc").then().statusCode(304).header("ETag", "\"7\"");
        given().header("If-None-Match", "\"6\"").get("/api/v1/sites/abc").then().statusCode(200);
    }

    @Test
    void nothingOutsideTheDocumentReachesABackend() {
        int before = StandInBackends.received("sites", "GET", "/api/v1/sites/abc/unknown");
        given().get("/api/v1/sites/abc/unknown").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(GatewayTests.ADMIN).delete("/api/v1/sites").then().statusCode(405)
                .contentType("application/problem+json").header("Allow", "GET, POST");
        given().get("/api/v1/unknown-things").then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, StandInBackends.received("sites", "GET", "/api/v1/sites/abc/unknown"));
        assertEquals(0, StandInBackends.received("sites", "DELETE", "/api/v1/sites"));
    }

    @Test
    void aSegmentOnlyTheRouteTableKnowsStillRoutes() {
        // limited-things is in the stand-in's document; its route table entry is what routes it before the document
        // is known, and the document alone would route it too.
        given().get("/api/v1/limited-things").then().statusCode(200).body("backend", equalTo("sites"));
    }
}
