package ma.technopark.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's Netty lane on the wire: requests on one connection, several sent at once (HTTP/1.1 pipelining), some
 * for the lane and some for Vert.x, answered in the order they came; the connection closed when the client asks.
 */
@QuarkusTest
@QuarkusTestResource(StandInBackends.class)
class NettyLaneTest {

    @BeforeEach
    void documentsKnown() {
        GatewayTests.awaitDocuments();
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrderWhicheverLaneTakesThem() throws IOException {
        double before = KeptAlive.laneRequests();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(get("/api/v1/sites/first", ""));
            Answer first = Answer.read(in);
            assertEquals(200, first.status());
            assertTrue(first.body().contains("\"uri\":\"/api/v1/sites/first\""), first.body());

            String body = "{\"name\":\"Oujda\"}";
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.write(get("/api/v1/sites/a?x=1", "X-Request-Id: mine-1\r\n"));
            burst.write(get("/api/v1/sites/c", ""));
            burst.write(("POST /api/v1/sites HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + GatewayTests.ADMIN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            burst.write(get("/api/v1/startups?b=1", "Origin: http://localhost:3000\r\nAuthorization: Bearer " + GatewayTests.ADMIN + "\r\n"));
            burst.write(get("/api/v1/no-such-things", ""));
            burst.write(get("/api/v1/sites/d", "Connection: close\r\n"));
            out.write(burst.toByteArray());
            out.flush();

            // taken by the lane: a, c (read while a was in flight) and the POST
            Answer a = Answer.read(in);
            assertEquals(200, a.status(), a.toString());
            assertTrue(a.body().contains("\"uri\":\"/api/v1/sites/a?x=1\""), a.body());
            assertTrue(a.body().contains("\"requestId\":\"mine-1\""), a.body());
            assertEquals(List.of("mine-1"), a.all("x-request-id"));
            assertEquals("nosniff", a.header("x-content-type-options"));
            assertEquals("</api/v1/sites/a?cursor=abc>; rel=\"next\"", a.header("link"), "the service's address leaked");
            assertTrue(a.header("date") != null, "no Date");

            Answer c = Answer.read(in);
            assertTrue(c.body().contains("\"uri\":\"/api/v1/sites/c\""), c.body());
            assertEquals(1, c.all("x-request-id").size());

            Answer post = Answer.read(in);
            assertEquals(200, post.status());
            assertTrue(post.body().contains("\"method\":\"POST\"") && post.body().contains("\"bodyLength\":" + body.length()),
                    post.body());
            assertEquals("/api/v1/sites/42", post.header("location"));

            // Vert.x's: a cross-origin request, what the edge refuses, and what follows them while they are open
            Answer b = Answer.read(in);
            assertEquals(200, b.status());
            assertTrue(b.body().contains("\"uri\":\"/api/v1/startups?b=1\""), b.body());
            assertEquals("http://localhost:3000", b.header("access-control-allow-origin"), "CORS is Vert.x's");

            Answer d = Answer.read(in);
            assertEquals(404, d.status());
            assertEquals("application/problem+json", d.header("content-type"));

            Answer f = Answer.read(in);
            assertTrue(f.body().contains("\"uri\":\"/api/v1/sites/d\""), f.body());
            assertEquals("close", f.header("connection"));
            assertEquals(-1, in.read(), "the connection stays open after Connection: close");
        }
        assertTrue(KeptAlive.laneRequests() >= before + 3, "the lane took fewer requests than a, c and the POST");
    }

    @Test
    void aBackendThatIsDownIsA503ProblemOnTheLaneToo() throws IOException {
        StandInBackends.stopPrograms();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(get("/api/v1/sites/first", ""));
            assertEquals(200, Answer.read(in).status());
            out.write(get("/api/v1/programmes", "Accept-Language: en\r\n"));
            Answer down = Answer.read(in);
            assertEquals(503, down.status());
            assertEquals("application/problem+json", down.header("content-type"));
            assertTrue(down.header("retry-after") != null);
            assertTrue(down.body().contains("programs-service"), down.body());
            out.write(get("/api/v1/sites/after", ""));
            Answer after = Answer.read(in);
            assertEquals(200, after.status(), "the connection does not survive a backend's failure");
            assertNull(after.header("connection"));
        }
    }

    private static byte[] get(String target, String headers) {
        return ("GET " + target + " HTTP/1.1\r\nHost: gateway\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One answer read off the connection: status, headers (names in lower case), body (by Content-Length). */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        List<String> all(String name) {
            return headers.getOrDefault(name, List.of());
        }

        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            assertNull(headers.get("transfer-encoding"), "a chunked answer: this reader takes Content-Length only");
            int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
            return new Answer(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                if (c != '\r') {
                    line.write(c);
                }
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }
}
