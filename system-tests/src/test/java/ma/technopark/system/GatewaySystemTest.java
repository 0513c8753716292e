package ma.technopark.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.technopark.infra.AppProcess;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway in front of the real services: one document, every operation routed, the edge, outages, the dashboard. */
@ExtendWith(PlatformExtension.class)
class GatewaySystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = DevTokens.admin();
    private static final Map<String, String> SERVICES = Map.of(
            "sites-service", Platform.SITES, "startups-service", Platform.STARTUPS, "programs-service", Platform.PROGRAMS);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static RequestSpecification gateway() {
        return given().baseUri(PlatformExtension.gateway());
    }

    private static String url(String app) {
        return PlatformExtension.platform().app(app).url();
    }

    private static JsonNode mergedDocument() throws IOException {
        PlatformExtension.awaitMergedDocument();
        return JSON.readTree(gateway().get("/q/openapi?format=json").then().statusCode(200).extract().asByteArray());
    }

    @Test
    void everyOperationOfTheMergedDocumentReachesTheServiceThatOwnsIt() throws IOException {
        JsonNode merged = mergedDocument();
        // no operation missing: the merged document holds exactly the services' operations and the gateway's own
        Set<String> expected = new TreeSet<>();
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            JsonNode own = JSON.readTree(given().baseUri(url(service.getValue())).get("/q/openapi?format=json").asByteArray());
            operations(own).forEach(op -> expected.add(op + " " + service.getKey()));
        }
        Set<String> actual = new TreeSet<>();
        Set<String> gatewayOwn = new TreeSet<>();
        merged.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                String service = op.getValue().path("x-service").asText();
                (service.equals("gateway") ? gatewayOwn : actual).add(op.getKey().toUpperCase() + " " + path.getKey() + " " + service);
            }
        }));
        assertEquals(expected, actual);
        assertEquals(Set.of("GET /api/v1/network/dashboard gateway"), gatewayOwn);

        // each operation, sent through the gateway and straight to its owner, gets the same answer from the owner
        List<String> mismatches = new ArrayList<>();
        int walked = 0;
        Iterator<Map.Entry<String, JsonNode>> paths = merged.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String service = op.getValue().path("x-service").asText();
                if (!METHODS.contains(op.getKey()) || service.equals("gateway")) {
                    continue;
                }
                walked++;
                Request request = request(merged, path.getKey(), path.getValue(), op.getKey(), op.getValue());
                Response viaGateway = request.send(gateway());
                Response direct = request.send(given().baseUri(url(SERVICES.get(service))));
                String seen = viaGateway.statusCode() + " " + problem(viaGateway);
                String owners = direct.statusCode() + " " + problem(direct);
                if (!seen.equals(owners) || owners.contains("No resource at")) {
                    mismatches.add(request + ": gateway " + seen + ", " + service + " " + owners);
                }
            }
        }
        assertEquals(expected.size(), walked);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void noRouteOutsideTheDocument() throws IOException {
        JsonNode merged = mergedDocument();
        Set<String> segments = new TreeSet<>();
        merged.path("paths").fieldNames().forEachRemaining(p -> segments.add(p.split("/")[3]));
        // every segment of the gateway's route table is one the document has
        Properties config = new Properties();
        config.load(Files.newBufferedReader(PlatformExtension.platform().root()
                .resolve("gateway/src/main/resources/application.properties"), StandardCharsets.UTF_8));
        for (String key : config.stringPropertyNames()) {
            if (key.startsWith("technopark.gateway.routes.")) {
                assertTrue(segments.contains(key.substring("technopark.gateway.routes.".length())), key + " routes nothing documented");
            }
        }
        // and a path under a routed segment that no operation has is refused at the edge
        for (String segment : segments) {
            gateway().auth().oauth2(ADMIN).get("/api/v1/" + segment + "/" + UUID.randomUUID() + "/not/documented").then()
                    .statusCode(404).contentType("application/problem+json");
        }
        gateway().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void oneTrailingSlashIsTheSamePathThroughTheGatewayAsAtTheService() {
        List<String> direct = given().baseUri(url(Platform.SITES)).auth().oauth2(ADMIN).get("/api/v1/sites/").then()
                .statusCode(200).extract().path("items.id");
        assertTrue(!direct.isEmpty());
        gateway().auth().oauth2(ADMIN).get("/api/v1/sites/").then().statusCode(200).body("items.id", equalTo(direct));
        gateway().auth().oauth2(ADMIN).get("/api/v1/sites/" + direct.get(0) + "/").then().statusCode(200)
                .body("id", equalTo(direct.get(0)));
    }

    @Test
    void theMergedDocumentPassesTheOpenApiLinter() throws Exception {
        Path target = PlatformExtension.platform().root().resolve("system-tests/target");
        Files.createDirectories(target);
        Path document = target.resolve("merged-openapi.json");
        Files.write(document, gateway().get("/q/openapi?format=json").then().statusCode(200).extract().asByteArray());
        mergedDocument();
        Files.write(document, gateway().get("/q/openapi?format=json").asByteArray());
        Path tools = PlatformExtension.platform().root().resolve("tools");
        Tool.Result lint = Tool.run(tools, Duration.ofMinutes(3), "node_modules/.bin/redocly", "lint", document.toString(),
                "--config", "redocly.yaml", "--format=stylish");
        Files.writeString(target.resolve("openapi-lint.txt"), lint.output());
        assertEquals(0, lint.exitCode(), "the linter found errors:\n" + lint.output());
        assertTrue(lint.output().contains("Your API description is valid"), lint.output());
    }

    @Test
    void swaggerUiListsEveryServiceAndTryItOutOnAPublicGetShows200() throws Exception {
        mergedDocument();
        Path root = PlatformExtension.platform().root();
        Path screenshot = root.resolve("system-tests/target/swagger-ui.png");
        Tool.Result run = Tool.run(root.resolve("tools"), Duration.ofMinutes(3), "node", "swagger-ui-check.mjs",
                PlatformExtension.gateway(), "GET", "/api/v1/network/coverage", screenshot.toString());
        assertEquals(0, run.exitCode(), run.output());
        String json = run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        JsonNode result = JSON.readTree(json);
        Set<String> listed = new TreeSet<>();
        result.path("operations").forEach(op -> listed.add(op.path("method").asText() + " " + op.path("path").asText()));
        assertTrue(listed.contains("GET /api/v1/sites"), "sites-service");
        assertTrue(listed.contains("GET /api/v1/startups"), "startups-service");
        assertTrue(listed.contains("GET /api/v1/programmes"), "programs-service");
        assertTrue(listed.contains("GET /api/v1/network/dashboard"), "the gateway's own");
        assertEquals(operations(mergedDocument()).size(), listed.size(), "every operation is listed once");
        assertEquals("200", result.path("tryItOut").path("status").asText());
        assertTrue(Files.size(screenshot) > 0);
    }

    @Test
    void aBadTokenIs401AtTheEdgeAndTheServiceNeverSeesIt() {
        String expired = DevTokens.subject("a").groups("admin").lifetime(Duration.ofMinutes(-5)).sign();
        double before = unauthorizedSeenBySites();
        gateway().auth().oauth2(expired).get("/api/v1/allocations").then().statusCode(401).contentType("application/problem+json");
        gateway().auth().oauth2("garbage").get("/api/v1/allocations").then().statusCode(401);
        gateway().get("/api/v1/allocations").then().statusCode(401);
        assertEquals(before, unauthorizedSeenBySites(), "sites-service counted a request the gateway refused");
        // the counter does count: the same token straight to the service is one more 401 there
        given().baseUri(url(Platform.SITES)).auth().oauth2(expired).get("/api/v1/allocations").then().statusCode(401);
        assertEquals(before + 1, unauthorizedSeenBySites());
        // a good token passes, and the service still applies its own rules (a startup may not list allocations)
        gateway().auth().oauth2(ADMIN).get("/api/v1/allocations").then().statusCode(200);
        gateway().auth().oauth2(DevTokens.subject("s").groups("startup").startupId(UUID.randomUUID().toString()).sign())
                .get("/api/v1/allocations").then().statusCode(403);
    }

    private static double unauthorizedSeenBySites() {
        String metrics = given().baseUri(url(Platform.SITES)).get("/q/metrics").asString();
        Matcher m = Pattern.compile("http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"/api/v1/allocations\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    @Test
    void conditionalGetPassesThroughAs304() {
        String id = gateway().get("/api/v1/sites").then().statusCode(200).extract().path("items[0].id");
        String etag = gateway().get("/api/v1/sites/" + id).then().statusCode(200).extract().header("ETag");
        gateway().header("If-None-Match", etag).get("/api/v1/sites/" + id).then().statusCode(304);
    }

    /**
     * A service's name with two addresses, the first of which takes no connection: a replica gone while the name still
     * answers with it (Docker's DNS, the JDK's 30 s cache). The gateway takes a name's addresses in turn and tries a
     * refused connection on the next one, so every request is answered, and its own calls (readiness, the dashboard)
     * reach the service too. Before, it went to the name's first address only and answered 503.
     */
    @Test
    void aServiceWhoseNameHasADeadAddressIsReachedThroughItsOtherAddress() throws IOException {
        Path hosts = writeHosts("replicas.hosts", DEAD_ADDRESS, "127.0.0.1");
        AppProcess replicas = gatewayOnSitesReplicas("gateway-replicas", hosts);
        try {
            for (int i = 0; i < 20; i++) {
                given().baseUri(replicas.url()).get("/api/v1/sites?limit=1").then().statusCode(200);
                given().baseUri(replicas.url()).auth().oauth2(DevTokens.admin()).contentType(ContentType.JSON)
                        .body("{\"code\": \"\"}").post("/api/v1/sites").then().statusCode(400); // refused by the service, not the gateway
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(replicas.url()).get("/q/health/ready")
                    .then().statusCode(200).body("checks.find { it.name == 'backends' }.data.sites", equalTo("UP")));
            given().baseUri(replicas.url()).get("/api/v1/network/dashboard").then().statusCode(200)
                    .body("complete", equalTo(true));
        } finally {
            replicas.kill();
        }
    }

    /**
     * A replica that comes up (compose's {@code --scale}, a container replaced at a new address) is in its name's answer
     * at once, and the gateway takes it within about 10 s: it looks the name up every 5 s, and the JDK, which keeps an
     * answer 30 s by default, keeps it less than that in the gateway. Before, a replica waited up to 35 s for traffic.
     */
    @Test
    void aReplicaThatComesUpIsReachedWithinTenSeconds() throws IOException {
        Path hosts = writeHosts("scaled.hosts", DEAD_ADDRESS);
        AppProcess scaled = gatewayOnSitesReplicas("gateway-scaled", hosts);
        try {
            // the name's only address takes no connection: the gateway answers for the service
            given().baseUri(scaled.url()).get("/api/v1/sites?limit=1").then().statusCode(503);
            writeHosts("scaled.hosts", DEAD_ADDRESS, "127.0.0.1"); // the replica is up
            long upAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                    .baseUri(scaled.url()).get("/q/health/ready").then()
                    .body("checks.find { it.name == 'backends' }.data.sites", equalTo("UP")));
            long seconds = Duration.ofNanos(System.nanoTime() - upAt).toSeconds();
            assertTrue(seconds < 12, "the gateway reached the new replica after " + seconds + " s");
            given().baseUri(scaled.url()).get("/api/v1/sites?limit=1").then().statusCode(200);
        } finally {
            scaled.kill();
        }
    }

    /** TEST-NET-1 (RFC 5737): routed nowhere, so a connection to it is refused or never made. */
    private static final String DEAD_ADDRESS = "192.0.2.1";

    /** A hosts file giving the name {@code sites.replicas} these addresses, replaced whole (never read half-written). */
    private static Path writeHosts(String name, String... addresses) throws IOException {
        Path hosts = PlatformExtension.platform().root().resolve("system-tests/target/" + name);
        StringBuilder lines = new StringBuilder();
        for (String address : addresses) {
            lines.append(address).append(" sites.replicas\n");
        }
        lines.append("127.0.0.1 localhost\n");
        Path next = Files.writeString(hosts.resolveSibling(name + ".next"), lines);
        Files.move(next, hosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return hosts;
    }

    /** A second gateway whose sites backend is {@code sites.replicas}, a name the JDK reads from {@code hosts} only. */
    private static AppProcess gatewayOnSitesReplicas(String name, Path hosts) throws IOException {
        Platform platform = PlatformExtension.platform();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("QUARKUS_PROFILE", "local");
        env.put("TECHNOPARK_GATEWAY_BACKENDS_SITES_URL", "http://sites.replicas:" + platform.app(Platform.SITES).port());
        env.put("TECHNOPARK_GATEWAY_BACKENDS_STARTUPS_URL", platform.app(Platform.STARTUPS).url());
        env.put("TECHNOPARK_GATEWAY_BACKENDS_PROGRAMS_URL", platform.app(Platform.PROGRAMS).url());
        List<String> jvm = new ArrayList<>(Platform.jvmOptions());
        jvm.add("-Djdk.net.hosts.file=" + hosts);
        Path log = platform.root().resolve("system-tests/target/logs/" + name + ".log");
        Files.deleteIfExists(log);
        return new AppProcess(name, platform.root().resolve("gateway/target/quarkus-app/quarkus-run.jar"),
                ma.technopark.infra.Ports.free(), env, jvm, log).start().awaitReady(Duration.ofMinutes(2));
    }

    @Test
    void withOneServiceStoppedItsRoutesAre503AndTheRestWorksThenItComesBack() {
        AppProcess programs = PlatformExtension.platform().app(Platform.PROGRAMS);
        programs.stop();
        try {
            gateway().get("/api/v1/programmes").then().statusCode(503).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("programs-service"))
                    .time(lessThan(5000L), TimeUnit.MILLISECONDS); // refused at once: well under the backends' 10 s timeout
            gateway().auth().oauth2(ADMIN).get("/api/v1/cohorts/" + UUID.randomUUID()).then().statusCode(503);
            gateway().get("/api/v1/sites").then().statusCode(200);
            gateway().auth().oauth2(ADMIN).get("/api/v1/startups").then().statusCode(200);
            gateway().get("/api/v1/network/dashboard").then().statusCode(200)
                    .body("complete", equalTo(false))
                    .body("missing", hasSize(1))
                    .body("missing[0].part", equalTo("beneficiaries"))
                    .body("missing[0].service", equalTo("programs-service"))
                    .body("beneficiaries", nullValue())
                    .body("sites.operational", org.hamcrest.Matchers.greaterThan(0));
        } finally {
            programs.start().awaitReady(Duration.ofMinutes(2));
        }
        // back without restarting the gateway
        PlatformExtension.awaitRouted("/api/v1/programmes");
        gateway().get("/api/v1/programmes").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway().get("/api/v1/network/dashboard").path("complete").equals(true));
    }

    @Test
    void theDashboardsFiguresEqualWhatTheServicesSay() {
        hostSomething();
        JsonNode dashboard = read(gateway().get("/api/v1/network/dashboard").then().statusCode(200).extract().asByteArray());
        JsonNode coverage = read(given().baseUri(url(Platform.SITES)).get("/api/v1/network/coverage").asByteArray());
        JsonNode occupancy = read(given().baseUri(url(Platform.SITES)).get("/api/v1/network/occupancy").asByteArray());
        JsonNode startups = read(given().baseUri(url(Platform.STARTUPS)).get("/api/v1/startup-figures").asByteArray());
        JsonNode beneficiaries = read(given().baseUri(url(Platform.PROGRAMS)).get("/api/v1/beneficiary-figures").asByteArray());

        assertTrue(dashboard.path("complete").asBoolean());
        JsonNode sites = dashboard.path("sites");
        assertEquals(coverage.at("/operational/siteCount").asInt(), sites.path("operational").asInt());
        assertEquals(coverage.at("/includingPlanned/siteCount").asInt() - coverage.at("/operational/siteCount").asInt(),
                sites.path("planned").asInt());
        assertEquals(coverage.at("/operational/cityCount").asInt(), sites.at("/cities/count").asInt());
        assertEquals(coverage.at("/targets/cities").asInt(), sites.at("/cities/target").asInt());
        assertEquals(coverage.at("/gapToday/cities").asInt(), sites.at("/cities/gap").asInt());
        assertEquals(coverage.at("/operational/regionCount").asInt(), sites.at("/regions/count").asInt());
        assertEquals(coverage.at("/targets/regions").asInt(), sites.at("/regions/target").asInt());
        assertEquals(coverage.at("/includingPlanned/cityCount").asInt(), sites.at("/cities/countIncludingPlanned").asInt());

        JsonNode occ = dashboard.path("occupancy");
        assertEquals(occupancy.path("hostingCapacity").asInt(), occ.path("hostingCapacity").asInt());
        assertEquals(occupancy.path("startupsHosted").asInt(), occ.path("startupsHosted").asInt());
        assertEquals(occupancy.path("sitesWithoutHostingCapacity").asInt(), occ.path("sitesWithoutHostingCapacity").asInt());
        assertEquals(occupancy.path("startupsHostedAtSitesWithCapacity").asInt(),
                occ.path("startupsHostedAtSitesWithCapacity").asInt());
        assertTrue(occ.has("sitesWithoutHostingCapacity") && occ.has("startupsHostedAtSitesWithCapacity"));
        assertEquals(occupancy.path("seats").asInt(), occ.path("seats").asInt());
        assertEquals(occupancy.path("allocatedSeats").asInt(), occ.path("allocatedSeats").asInt());
        assertEquals(0, occupancy.path("rate").decimalValue().compareTo(occ.path("rate").decimalValue()));
        assertEquals(occupancy.path("bookings").asInt(), occ.path("bookingsToday").asInt());
        assertTrue(occ.path("allocatedSeats").asInt() >= 3, "the allocation made here counts");

        JsonNode st = dashboard.path("startups");
        assertEquals(startups.path("startupsAccompanied").asLong(), st.path("accompanied").asLong());
        assertEquals(startups.path("currentResidents").asLong(), st.path("residents").asLong());
        assertEquals(startups.path("revenueYear").asInt(), st.path("revenueYear").asInt());
        assertEquals(startups.at("/revenue/amount").asText(), st.at("/revenue/amount").asText());
        assertEquals(startups.path("employees").asLong(), st.path("jobs").asLong());

        assertEquals(beneficiaries.path("beneficiaries").asLong(), dashboard.at("/beneficiaries/count").asLong());
        assertEquals(1300, dashboard.at("/beneficiaries/target").asInt());
        assertNotEquals(0, sites.path("operational").asInt());
    }

    /** An operational site with a space and an allocation of 3 seats today, so that occupancy is not all zeros. */
    private static void hostSomething() {
        String code = "DSH" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        String site = gateway().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("""
                {"code": "%s", "name": {"fr": "Site tableau de bord", "ar": "موقع", "en": "Dashboard site"},
                 "city": "Essaouira", "region": "MARRAKECH_SAFI", "kind": "TECHNOPARK", "hostingCapacity": 12}
                """.formatted(code)).post("/api/v1/sites").then().statusCode(201).extract().path("id");
        for (String status : List.of("UNDER_CONSTRUCTION", "OPERATIONAL")) {
            gateway().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"status\": \"" + status + "\"}")
                    .post("/api/v1/sites/" + site + "/status").then().statusCode(200);
        }
        String space = gateway().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Open space\", \"type\": \"OPEN_WORKSPACE\", \"seats\": 10, \"areaM2\": 80}")
                .post("/api/v1/sites/" + site + "/spaces").then().statusCode(201).extract().path("id");
        gateway().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("""
                {"siteId": "%s", "spaceId": "%s", "startupId": "%s", "seats": 3, "startDate": "%s"}
                """.formatted(site, space, UUID.randomUUID(), LocalDate.now(java.time.ZoneId.of("Africa/Casablanca"))))
                .post("/api/v1/allocations").then().statusCode(201);
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> ops = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                ops.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return ops;
    }

    private static String problem(Response response) {
        String type = response.getContentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return "";
        }
        return response.jsonPath().getString("type") + " " + response.jsonPath().getString("detail");
    }

    /** A request built from an operation: every path parameter and required query parameter or header filled in. */
    private record Request(String method, String path, Map<String, String> query, Map<String, String> headers, boolean body) {
        Response send(RequestSpecification spec) {
            spec = spec.auth().oauth2(ADMIN).header("Accept-Language", "en").queryParams(query).headers(headers)
                    .urlEncodingEnabled(true);
            if (body) {
                spec = spec.contentType(ContentType.JSON).body("{}");
            }
            return spec.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : " " + query);
        }
    }

    private static Request request(JsonNode doc, String template, JsonNode pathItem, String method, JsonNode op) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        String path = template;
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        op.path("parameters").forEach(parameters::add);
        for (JsonNode p : parameters) {
            String name = p.path("name").asText();
            String value = sample(doc, p.path("schema"), name);
            switch (p.path("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", value);
                case "query" -> {
                    if (p.path("required").asBoolean()) {
                        query.put(name, value);
                    }
                }
                case "header" -> {
                    if (p.path("required").asBoolean()) {
                        headers.put(name, name.equalsIgnoreCase("If-Match") ? "\"0\"" : value);
                    }
                }
                default -> { }
            }
        }
        return new Request(method.toUpperCase(), path, query, headers, op.has("requestBody"));
    }

    private static String sample(JsonNode doc, JsonNode schema, String name) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (ref.endsWith("/UUID")) {
                return UUID.randomUUID().toString();
            }
            if (ref.endsWith("/LocalDate")) {
                return LocalDate.now().toString();
            }
            return sample(doc, doc.at(ref.substring(1)), name);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        String format = schema.path("format").asText();
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> format.equals("uuid") ? UUID.randomUUID().toString() : format.equals("date") ? LocalDate.now().toString()
                    : name.equalsIgnoreCase("Idempotency-Key") ? UUID.randomUUID().toString() : "ZZZ";
        };
    }
}
