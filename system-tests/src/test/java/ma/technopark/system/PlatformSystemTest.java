package ma.technopark.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ma.technopark.infra.AppProcess;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Infra;
import ma.technopark.infra.Platform;
import ma.technopark.infra.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The packaged apps as separate processes on one PostgreSQL and one broker, tested through HTTP. */
@ExtendWith(PlatformExtension.class)
class PlatformSystemTest {

    @Test
    void allFourAppsAreHealthy() {
        Platform platform = PlatformExtension.platform();
        for (String app : List.of(Platform.SITES, Platform.STARTUPS, Platform.PROGRAMS, Platform.GATEWAY)) {
            given().baseUri(platform.app(app).url()).get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"));
        }
        given().baseUri(PlatformExtension.gateway()).get("/q/health/ready").then()
                .body("checks.find { it.name == 'backends' }.data.sites", equalTo("UP"))
                .body("checks.find { it.name == 'backends' }.data.startups", equalTo("UP"))
                .body("checks.find { it.name == 'backends' }.data.programs", equalTo("UP"));
    }

    @Test
    void aRequestThroughTheGatewayReachesAServiceAndItsEventReachesAnother() throws Exception {
        String code = "SYS" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        String body = """
                {"code": "%s", "name": {"fr": "Technopark système", "ar": "تكنوبارك", "en": "System Technopark"},
                 "city": "Fès", "region": "FES_MEKNES", "kind": "TECHNOPARK", "hostingCapacity": 40}
                """.formatted(code);
        String id = given().baseUri(PlatformExtension.gateway()).auth().oauth2(DevTokens.admin())
                .contentType(ContentType.JSON).body(body).post("/api/v1/sites")
                .then().statusCode(201).body("code", equalTo(code)).extract().path("id");
        given().baseUri(PlatformExtension.gateway()).get("/api/v1/sites/" + id).then().statusCode(200)
                .body("name.fr", equalTo("Technopark système")).body("city", equalTo("Fès"));
        given().baseUri(PlatformExtension.gateway()).contentType(ContentType.JSON).body(body).post("/api/v1/sites")
                .then().statusCode(401).contentType("application/problem+json");

        Infra infra = PlatformExtension.platform().infra();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl("startups"), infra.username(), infra.password());
                 PreparedStatement s = c.prepareStatement("SELECT city FROM known_site WHERE code = ?")) {
                s.setString(1, code);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next(), "startups-service learnt the new site from its event");
                    assertEquals("Fès", rs.getString(1));
                }
            }
        });
    }

    @Test
    void theProdProfileRefusesTheDevSigningKey() throws Exception {
        Platform platform = PlatformExtension.platform();
        Path log = platform.root().resolve("system-tests/target/logs/sites-prod-devkey.log");
        Files.deleteIfExists(log);
        Map<String, String> env = new java.util.HashMap<>(platform.infra().serviceEnvironment("sites"));
        env.put("QUARKUS_PROFILE", "prod");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "dev-keys/dev-public.pem");
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        AppProcess app = new AppProcess("sites-prod", platform.root().resolve("sites-service/target/quarkus-app/quarkus-run.jar"),
                Ports.free(), env, List.of("-Xmx256m"), log).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> !app.running());
            assertTrue(Files.readString(log).contains("dev-only JWT key is refused"), "the log says why");
        } finally {
            app.kill();
        }
    }

    /**
     * A stop (SIGTERM, as Docker and Kubernetes send it) while a client is still sending its request: the request is
     * answered and its write kept, and only then does the app exit. The body is sent in two parts, the stop between.
     */
    @Test
    void aStoppingAppFinishesTheRequestInFlightFirst() throws Exception {
        Platform platform = PlatformExtension.platform();
        Path log = platform.root().resolve("system-tests/target/logs/sites-stopping.log");
        Files.deleteIfExists(log); // the app appends: an earlier run's lines would answer the wait below
        AppProcess app = platform.app(Platform.SITES).replica("sites-stopping", Ports.free(), log).start()
                .awaitReady(Duration.ofMinutes(2));
        CompletableFuture<Void> stopped = null;
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(30_000);
            String code = "STP" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
            byte[] body = """
                    {"code": "%s", "name": {"fr": "Technopark en arrêt", "en": "Stopping Technopark"},
                     "city": "Oujda", "region": "ORIENTAL", "kind": "TECHNOPARK", "hostingCapacity": 12}
                    """.formatted(code).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/sites HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + DevTokens.admin()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 20);
            out.flush();
            // the app has begun the request: its metrics count it beside the metrics request itself
            await().atMost(Duration.ofSeconds(10)).until(() -> activeRequests(app) >= 2);
            stopped = CompletableFuture.runAsync(app::stop);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("Waiting for HTTP requests to complete"));
            assertFalse(stopped.isDone(), "the app waits for the request");
            out.write(body, 20, body.length - 20);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 201 Created", in.readLine(), "the request in flight is answered");
            String location = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                    location = URI.create(line.substring(9).trim()).getPath();
                }
            }
            stopped.get(60, TimeUnit.SECONDS);
            assertTrue(location != null && location.startsWith("/api/v1/sites/"), "the created site's Location");
            given().baseUri(platform.app(Platform.SITES).url()).get(location).then().statusCode(200)
                    .body("code", equalTo(code)).body("city", equalTo("Oujda"));
        } finally {
            if (stopped == null) {
                app.kill();
            }
        }
    }

    /**
     * A service stopped while it works through its events leaves those it has not handled for its restart. Quarkus
     * closes Hibernate before the Kafka consumers, which go on handing over records for a few seconds; a record handled
     * then failed on the closed {@code EntityManagerFactory}, spent its attempts and went to the dead-letter topic.
     * Here one programs-service instance's consumer is held inside its transaction (the table it writes is locked)
     * while more sites' events queue behind it; the instance is stopped, and the table let go a second later. Nothing
     * goes to a dead-letter topic, and once the instance is back every site is known to programs-service.
     */
    @Test
    void aServiceStoppedAmidItsEventsLeavesTheRestForItsRestart() throws Exception {
        Platform platform = PlatformExtension.platform();
        Infra infra = platform.infra();
        Map<String, Long> logged = new java.util.HashMap<>(); // the apps append to their logs: what this test adds
        for (String app : List.of(Platform.PROGRAMS, Platform.PROGRAMS + "-2")) {
            logged.put(app, Files.size(platform.app(app).log()));
        }
        String sitesDeadLetters = ma.technopark.contracts.Topics.deadLetters(ma.technopark.contracts.Topics.SITES);
        String webhooksDeadLetters = "technopark.programs.v1.webhooks.dlq";
        long sitesDead = BrokerOutageSystemTest.records(infra, sitesDeadLetters);
        long webhooksDead = BrokerOutageSystemTest.records(infra, webhooksDeadLetters);
        List<String> codes = new java.util.ArrayList<>();
        AppProcess holder;
        CompletableFuture<Void> stopped;
        try (Connection lock = DriverManager.getConnection(infra.jdbcUrl("programs"), infra.username(), infra.password());
                Connection watcher = DriverManager.getConnection(infra.jdbcUrl("programs"), infra.username(), infra.password());
                PreparedStatement waiting = watcher.prepareStatement("SELECT application_name FROM pg_stat_activity"
                        + " WHERE datname = 'programs' AND wait_event_type = 'Lock' AND application_name LIKE 'programs-service%'")) {
            lock.setAutoCommit(false);
            try (java.sql.Statement hold = lock.createStatement()) {
                hold.execute("LOCK TABLE known_site IN EXCLUSIVE MODE"); // reads go on, the consumer's upsert waits
            }
            try {
                codes.add(registerSite());
                String[] name = new String[1];
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    try (ResultSet rs = waiting.executeQuery()) {
                        name[0] = rs.next() ? rs.getString(1) : null;
                    }
                    return name[0] != null;
                });
                holder = platform.app(name[0]);
                for (int i = 0; i < 6; i++) {
                    codes.add(registerSite()); // queued behind the held poll (or handled by the other instance)
                }
                stopped = CompletableFuture.runAsync(holder::stop);
                Thread.sleep(1_000); // the stop is under way: Hibernate used to be closed by now
            } finally {
                lock.rollback();
            }
        }
        stopped.get(60, TimeUnit.SECONDS);
        holder.start().awaitReady(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(codes.size(),
                Databases.count("programs", "SELECT count(*) FROM known_site WHERE code = ANY(?)", codes),
                "the sites programs-service knows"));
        assertEquals(sitesDead, BrokerOutageSystemTest.records(infra, sitesDeadLetters), "dead letters of the sites' events");
        assertEquals(webhooksDead, BrokerOutageSystemTest.records(infra, webhooksDeadLetters), "dead letters of the webhooks");
        for (Map.Entry<String, Long> app : logged.entrySet()) {
            byte[] log = Files.readAllBytes(platform.app(app.getKey()).log());
            String added = new String(log, app.getValue().intValue(), log.length - app.getValue().intValue(), StandardCharsets.UTF_8);
            assertFalse(added.contains("gave up on event"), app.getKey() + " gave up on no event");
            assertFalse(added.contains("EntityManagerFactory is closed"), app.getKey() + " used Hibernate only while open");
        }
    }

    /** Registers a site through sites-service; answers its code. */
    private static String registerSite() {
        String code = "SD" + Long.toString(System.nanoTime() % 60_000_000, 36).toUpperCase();
        given().baseUri(PlatformExtension.platform().app(Platform.SITES).url()).auth().oauth2(DevTokens.admin())
                .contentType(ContentType.JSON).body("""
                        {"code": "%s", "name": {"fr": "Technopark arrêté"}, "city": "Oujda", "region": "ORIENTAL",
                         "kind": "TECHNOPARK"}""".formatted(code))
                .post("/api/v1/sites").then().statusCode(201);
        return code;
    }

    private static double activeRequests(AppProcess app) {
        String metrics = given().baseUri(app.url()).get("/q/metrics").asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^http_server_active_requests\\{[^}]*} ([0-9.]+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
