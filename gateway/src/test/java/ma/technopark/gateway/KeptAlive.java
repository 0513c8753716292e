package ma.technopark.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.filter.time.TimingFilter;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.internal.RestAssuredResponseOptionsImpl;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a test class's REST Assured requests on kept-alive connections, as browsers, partners' clients and load
 * balancers send them: the first request of a connection goes through Vert.x, the next ones that can take the
 * gateway's Netty lane do ({@link ma.technopark.gateway.proxy.NettyLane}). REST Assured's own client opens a
 * connection per request, which keeps every request on Vert.x's route, so a filter sends each request with the JDK's
 * client instead (HTTP/1.1, connections kept) and hands REST Assured the answer. The same tests run both ways.
 */
final class KeptAlive implements Filter {
    private static final String COUNTER = "technopark_gateway_lane_requests_total";
    /** Headers the JDK's client sets itself and refuses from its caller. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final KeptAlive FILTER = new KeptAlive();
    private static double before;
    private static double taken;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static void begin() {
        before = laneRequests();
        RestAssured.filters(FILTER);
    }

    /** Back to REST Assured's own client, counting the requests the lane took. */
    static void end() {
        List<Filter> others = new ArrayList<>(RestAssured.filters());
        others.remove(FILTER);
        RestAssured.replaceFiltersWith(others);
        taken += laneRequests() - before;
    }

    /** After a test class: some of its requests took the lane (those the edge refuses, or with an Origin, do not). */
    static void assertLaneTaken() {
        double all = taken;
        taken = 0;
        assertTrue(all > 0, "no request took the lane");
    }

    /** How many requests the gateway's lane has taken, from its metric. */
    static double laneRequests() {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(COUNTER)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        Object body = request.getBody();
        byte[] bytes = body == null ? new byte[0]
                : body instanceof byte[] raw ? raw : body.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(request.getURI()))
                .method(request.getMethod(), bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (request.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme oauth2) {
            out.header("Authorization", "Bearer " + oauth2.getAccessToken()); // REST Assured's own client adds it
        }
        for (Header header : request.getHeaders()) {
            if (!RESTRICTED.contains(header.getName().toLowerCase(Locale.ROOT))) {
                out.header(header.getName(), header.getValue());
            }
        }
        HttpResponse<byte[]> answer;
        long started = System.nanoTime();
        try {
            answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Header> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                headers.add(new Header(header.getKey(), value));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Response built = new ResponseBuilder().setStatusCode(answer.statusCode()).setStatusLine("HTTP/1.1 " + answer.statusCode())
                .setHeaders(new Headers(headers)).setBody(answer.body())
                .setContentType(answer.headers().firstValue("Content-Type").orElse("")).build();
        // where REST Assured's own timing puts it, for the tests' time(...) checks
        ((RestAssuredResponseOptionsImpl<?>) built).setFilterContextProperties(Map.of(TimingFilter.RESPONSE_TIME_MILLISECONDS, millis));
        return built;
    }
}
