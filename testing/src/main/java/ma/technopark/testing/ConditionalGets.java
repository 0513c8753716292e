package ma.technopark.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The HTTP conventions' conditional GET, checked on one resource of a test. */
public final class ConditionalGets {
    private ConditionalGets() {
    }

    /**
     * The resource's GET gives its version (the {@code version} of its body) as a strong ETag, and a 304 with no
     * body to an {@code If-None-Match} that carries it.
     */
    public static void assertVersionIsTheETag(String token, String path) {
        ExtractableResponse<Response> read = given().auth().oauth2(token).get(path).then().statusCode(200).extract();
        String etag = read.header("ETag");
        assertEquals("\"" + read.path("version") + "\"", etag, path + ": the ETag is the version");
        given().auth().oauth2(token).header("If-None-Match", etag).get(path).then().statusCode(304);
        given().auth().oauth2(token).header("If-None-Match", "\"-1\"").get(path).then().statusCode(200);
    }
}
