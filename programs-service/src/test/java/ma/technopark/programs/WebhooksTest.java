package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static ma.technopark.testing.EventProbe.ofType;
import static ma.technopark.testing.EventProbe.withSubject;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ma.technopark.contracts.Topics;
import ma.technopark.infra.DevTokens;
import ma.technopark.programs.webhooks.WebhookDispatcher;
import ma.technopark.testing.ConditionalGets;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks to a partner's endpoint (an HTTP server of this test): signed, retried, logged, disabled, redelivered. */
@QuarkusTest
class WebhooksTest {
    private static final String ADMIN = DevTokens.admin();
    private static final String PM = DevTokens.subject("pm").groups("programme-manager").sign();

    /** What the partner's endpoint received. */
    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    @Inject
    WebhookDispatcher dispatcher;

    private HttpServer partnerEndpoint;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Queue<Integer> answers = new ArrayDeque<>();

    @BeforeEach
    void startPartnerEndpoint() throws IOException {
        partnerEndpoint = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        partnerEndpoint.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                    new String(body, StandardCharsets.UTF_8)));
            Integer status;
            synchronized (answers) {
                status = exchange.getRequestURI().getPath().endsWith("/always-500") ? Integer.valueOf(500) : answers.poll();
            }
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        partnerEndpoint.start();
    }

    @AfterEach
    void stopPartnerEndpoint() {
        partnerEndpoint.stop(0);
    }

    private String url(String path) {
        return "http://localhost:" + partnerEndpoint.getAddress().getPort() + path;
    }

    private static String partner() {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Partenaire webhooks " + UUID.randomUUID() + "\", \"kind\": \"BANK\"}")
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
    }

    private static String partnerToken(String partner) {
        return DevTokens.subject("bank-system").groups("partner").partnerId(partner).sign();
    }

    private static io.restassured.response.ValidatableResponse subscribe(String token, String url, String types) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"url\": \"" + url + "\", \"eventTypes\": " + types + ", \"siteCodes\": [\"ESS\"]}")
                .post("/api/v1/webhook-subscriptions").then();
    }

    private static String publishProgramme() {
        String programme = ProgrammesTest.programme("[\"IDEA\"]", null);
        given().auth().oauth2(PM).post("/api/v1/programmes/" + programme + "/publication").then().statusCode(200);
        return programme;
    }

    static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSignedDeliveryRetriedAfterThreeFailuresArrivesAsTheFourthAttemptAndIsLogged() throws Exception {
        String partner = partner();
        String token = partnerToken(partner);
        var subscription = subscribe(token, url("/hook"), "[\"programs.programme.published\"]").statusCode(201)
                .body("secret", startsWith("whsec_")).body("status", equalTo("ACTIVE")).extract();
        String id = subscription.path("id");
        String secret = subscription.path("secret");
        synchronized (answers) {
            answers.addAll(List.of(500, 500, 500));
        }
        String programme = publishProgramme();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().filter(r -> r.body().contains(programme)).count() >= 4);
        List<Received> mine = received.stream().filter(r -> r.body().contains(programme)).toList();
        assertEquals(4, mine.size(), "three failures, then the delivery");
        String eventId = mine.get(0).header("X-Technopark-Event-Id");
        for (int i = 0; i < 4; i++) {
            Received r = mine.get(i);
            assertEquals(eventId, r.header("X-Technopark-Event-Id"), "the same event each time");
            assertEquals(String.valueOf(i + 1), r.header("X-Technopark-Attempt"));
            assertEquals("ma.technopark.programs.programme.published", r.header("X-Technopark-Event-Type"));
            // the signature: t=<unix seconds>,v1=HMAC-SHA256(secret, t + "." + body)
            String[] parts = r.header("X-Technopark-Signature").split(",");
            String t = parts[0].substring(2);
            assertEquals("v1=" + hmac(secret, t + "." + r.body()), parts[1], "a valid signature");
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 120);
        }
        assertTrue(mine.get(3).body().contains("\"type\":\"ma.technopark.programs.programme.published\""));

        given().auth().oauth2(token).get("/api/v1/webhook-subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("find { it.eventId == '" + eventId + "' }.status", equalTo("DELIVERED"))
                .body("find { it.eventId == '" + eventId + "' }.attempts", equalTo(4))
                .body("find { it.eventId == '" + eventId + "' }.attemptLog.statusCode", equalTo(List.of(500, 500, 500, 200)));
        String delivery = given().auth().oauth2(token).get("/api/v1/webhook-subscriptions/" + id + "/deliveries")
                .then().extract().path("find { it.eventId == '" + eventId + "' }.id");

        // a manual redelivery of that one event
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .post("/api/v1/webhook-subscriptions/" + id + "/deliveries/" + delivery + "/redelivery").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().filter(r -> r.body().contains(programme)).count() >= 5);

        // a rotated secret signs what comes next; another partner sees nothing of this subscription
        given().auth().oauth2(token).contentType(ContentType.JSON).post("/api/v1/webhook-subscriptions/" + id + "/secret-rotation")
                .then().statusCode(200).body("secret", startsWith("whsec_"));
        given().auth().oauth2(partnerToken(partner())).get("/api/v1/webhook-subscriptions/" + id).then().statusCode(404);
        given().get("/api/v1/webhook-subscriptions").then().statusCode(401);
    }

    @Test
    void anEventReadTwiceIsQueuedOnceAndTheConsumerKeepsNoInboxRows() {
        String token = partnerToken(partner());
        String id = subscribe(token, url("/hook"), "[\"programs.programme.published\"]").statusCode(201).extract().path("id");
        String programme;
        ConsumerRecord<String, String> published;
        try (EventProbe probe = EventProbe.on(Topics.PROGRAMS)) {
            programme = publishProgramme();
            published = probe.await(ofType("ma.technopark.programs.programme.published").and(withSubject(programme)), 1,
                    Duration.ofSeconds(30)).get(0);
        }
        String eventId = EventProbe.json(published).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> arrived(eventId) == 1);

        // Kafka hands the consumer the same record again (a relay that published it and stopped before marking it
        // published sends it twice), then a new event twice in a row (so, most likely, twice in one poll, whose events
        // are queued by one statement), then another event with the same key: the partition keeps their order, so
        // once the last has arrived the copies have been read
        String laterId = UUID.randomUUID().toString();
        String lastId = UUID.randomUUID().toString();
        EventProbe.send(Topics.PROGRAMS, List.of(Map.entry(published.key(), published.value()),
                Map.entry(published.key(), published.value().replace(eventId, laterId)),
                Map.entry(published.key(), published.value().replace(eventId, laterId)),
                Map.entry(published.key(), published.value().replace(eventId, lastId))));
        await().atMost(Duration.ofSeconds(30)).until(() -> arrived(lastId) == 1);
        assertEquals(1, arrived(eventId), "the copy queued no second delivery");
        given().auth().oauth2(token).get("/api/v1/webhook-subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("eventId", containsInAnyOrder(eventId, laterId, lastId));
        assertEquals(1, arrived(laterId), "the event read twice in a row was queued once");
        // the delivery's uniqueness is the deduplication: the webhook consumer writes no inbox row, for these events
        // or for any of the others every test here publishes and no subscription names
        assertEquals(0, TestInfra.count("SELECT count(*) FROM inbox_event WHERE consumer = 'programs.webhooks'"));
    }

    @Test
    void anEventThatFailsGoesAloneToTheDeadLetterTopicAndTheOthersOfItsPollAreQueued() {
        String token = partnerToken(partner());
        subscribe(token, url("/hook"), "[\"programs.programme.published\"]").statusCode(201);
        ConsumerRecord<String, String> published;
        try (EventProbe probe = EventProbe.on(Topics.PROGRAMS)) {
            String programme = publishProgramme();
            published = probe.await(ofType("ma.technopark.programs.programme.published").and(withSubject(programme)), 1,
                    Duration.ofSeconds(30)).get(0);
        }
        String eventId = EventProbe.json(published).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> arrived(eventId) == 1);

        // three events sent together, so that the consumer polls them together and queues them in one transaction;
        // the middle one's type holds a NUL character, which PostgreSQL refuses in text, so that transaction fails:
        // each event is then taken alone, the two good ones are queued and only the bad one is dead-lettered
        String first = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        String last = UUID.randomUUID().toString();
        String type = "\"type\":\"ma.technopark.programs.programme.published\"";
        try (EventProbe dlq = EventProbe.on(Topics.PROGRAMS + ".webhooks.dlq")) {
            EventProbe.send(Topics.PROGRAMS, List.of(
                    Map.entry(published.key(), published.value().replace(eventId, first)),
                    Map.entry(published.key(), published.value().replace(eventId, bad)
                            .replace(type, type.substring(0, type.length() - 1) + "\\u0000\"")),
                    Map.entry(published.key(), published.value().replace(eventId, last))));
            await().atMost(Duration.ofSeconds(30)).until(() -> arrived(first) == 1 && arrived(last) == 1);
            ConsumerRecord<String, String> dead = dlq.await(r -> r.value().contains(bad), 1, Duration.ofSeconds(30)).get(0);
            assertEquals("programs-service-webhooks", EventProbe.headers(dead).get("dead-letter-group"),
                    "the dead letter names the consumer group that gave up (the webhooks', not the service's own)");
            assertEquals(Topics.PROGRAMS, EventProbe.headers(dead).get("dead-letter-topic"));
            assertEquals(List.of(), dlq.drain(r -> r.value().contains(first) || r.value().contains(last), Duration.ofSeconds(2)),
                    "the events queued beside the failing one are not dead-lettered");
        }
    }

    /** How many deliveries of an event reached the partner's endpoint. */
    private long arrived(String eventId) {
        synchronized (received) {
            return received.stream().filter(r -> eventId.equals(r.header("X-Technopark-Event-Id"))).count();
        }
    }

    @Test
    void aRunOfFailuresDisablesTheSubscriptionUntilThePartnerEnablesIt() {
        String token = partnerToken(partner());
        String id = subscribe(token, url("/always-500"), "[\"programs.programme.published\"]").statusCode(201).extract().path("id");
        String path = "/api/v1/webhook-subscriptions/" + id;
        String created = given().auth().oauth2(token).get(path).then().statusCode(200).extract().header("ETag");
        ConditionalGets.assertVersionIsTheETag(token, path);
        publishProgramme();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DISABLED".equals(
                given().auth().oauth2(token).get("/api/v1/webhook-subscriptions/" + id).then().extract().path("status")));
        given().auth().oauth2(token).get("/api/v1/webhook-subscriptions/" + id).then().body("consecutiveFailures", equalTo(5));
        given().auth().oauth2(token).get("/api/v1/webhook-subscriptions/" + id + "/deliveries").then()
                .body("[0].status", equalTo("PENDING")).body("[0].attempts", equalTo(5));
        given().auth().oauth2(token).contentType(ContentType.JSON).post("/api/v1/webhook-subscriptions/" + id + "/enabling")
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("consecutiveFailures", equalTo(0));

        // the dispatcher's counters move the version, so a copy read before the failures is stale: it is not a current
        // 304, and it does not unsubscribe (412); with no If-Match at all, 428; with the current one, 204 (re-enabled,
        // its delivery fails again meanwhile, so the current version is read again until it stays put long enough)
        given().auth().oauth2(token).header("If-None-Match", created).get(path).then().statusCode(200);
        given().auth().oauth2(token).delete(path).then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(token).header("If-Match", created).delete(path).then().statusCode(412)
                .contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String current = given().auth().oauth2(token).get(path).then().statusCode(200).extract().header("ETag");
            return given().auth().oauth2(token).header("If-Match", current).delete(path).then().extract().statusCode() == 204;
        });
        given().auth().oauth2(token).get(path).then().statusCode(404);
    }

    @Test
    void finishedDeliveriesLeaveTheLogAfterThirtyDaysWithTheirAttemptsAndPendingOnesStay() throws Exception {
        String token = partnerToken(partner());
        String id = subscribe(token, url("/hook"), "[\"programs.programme.published\"]").statusCode(201).extract().path("id");
        // a past the API cannot make: deliveries dated by hand (the pending one not due, so the dispatcher leaves it)
        String delivery = "INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status, attempts,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, 'ma.technopark.programs.programme.published', '{}', ?, 1, %s, %s)";
        UUID delivered = UUID.randomUUID();
        TestInfra.execute(delivery.formatted("NULL", "now() - interval '31 days'"), delivered, UUID.fromString(id), "delivered-31-days-ago", "DELIVERED");
        TestInfra.execute("INSERT INTO webhook_attempt (id, delivery_id, attempt, at, status_code, duration_ms)"
                + " VALUES (?, ?, 1, now() - interval '31 days', 200, 12)", UUID.randomUUID(), delivered);
        TestInfra.execute(delivery.formatted("NULL", "now() - interval '31 days'"), UUID.randomUUID(), UUID.fromString(id), "failed-31-days-ago", "FAILED");
        TestInfra.execute(delivery.formatted("now() + interval '1 day'", "now() - interval '31 days'"), UUID.randomUUID(),
                UUID.fromString(id), "pending-31-days", "PENDING");
        TestInfra.execute(delivery.formatted("NULL", "now() - interval '29 days'"), UUID.randomUUID(), UUID.fromString(id), "delivered-29-days-ago", "DELIVERED");
        given().auth().oauth2(token).get("/api/v1/webhook-subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("eventId", containsInAnyOrder("delivered-31-days-ago", "failed-31-days-ago",
                        "pending-31-days", "delivered-29-days-ago"));

        assertTrue(dispatcher.housekeeping() >= 2);

        given().auth().oauth2(token).get("/api/v1/webhook-subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("eventId", containsInAnyOrder("pending-31-days", "delivered-29-days-ago"));
        assertEquals(0, TestInfra.count("SELECT count(*) FROM webhook_attempt WHERE delivery_id = ?", delivered));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .post("/api/v1/webhook-subscriptions/" + id + "/deliveries/" + delivered + "/redelivery").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheField() {
        String token = partnerToken(partner());
        subscribe(token, url("/hook"), "[\"programs.nothing.happened\"]").statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("eventTypes"));
        subscribe(token, "ftp://example.org/x", "[\"programs.programme.published\"]").statusCode(400)
                .body("errors.field", hasItem("url"));
        subscribe(ADMIN, url("/hook"), "[\"programs.programme.published\"]").statusCode(400).body("errors.field", hasItem("partnerId"));
        // no body at all: named as the body, not as the resource method's parameter
        given().auth().oauth2(token).contentType(ContentType.JSON).post("/api/v1/webhook-subscriptions").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("body")));
    }
}
