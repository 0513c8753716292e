package ma.technopark.system;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import ma.technopark.infra.AppProcess;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A webhook being retried survives a restart of every programs-service instance: the delivery state is in the database. */
@ExtendWith(PlatformExtension.class)
class WebhooksSystemTest {
    private static final String PM = DevTokens.subject("pm-webhooks").groups("programme-manager").sign();

    @Test
    void aDeliveringServiceRestartedMidRetryStillDelivers() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(false);
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        endpoint.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = healthy.get() ? 200 : 503;
            answered.add(status + " " + body);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        endpoint.start();
        String gateway = PlatformExtension.gateway();
        try {
            String partner = SagaFixtures.api(gateway, SagaFixtures.ADMIN)
                    .body("{\"name\": \"Banque webhooks " + UUID.randomUUID() + "\", \"kind\": \"BANK\"}")
                    .post("/api/v1/partners").then().statusCode(201).extract().path("id");
            String subscription = SagaFixtures.api(gateway, SagaFixtures.ADMIN).body("""
                    {"url": "http://localhost:%d/hook", "eventTypes": ["programs.programme.published"], "partnerId": "%s"}
                    """.formatted(endpoint.getAddress().getPort(), partner))
                    .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
            String code = "WH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            String programme = SagaFixtures.api(gateway, PM).body("""
                    {"code": "%s", "name": {"fr": "Programme webhooks"}, "kind": "ACCELERATION", "durationMonths": 6,
                     "eligibleStages": ["GROWTH"], "siteCodes": ["ESS"]}""".formatted(code))
                    .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
            SagaFixtures.api(gateway, PM).post("/api/v1/programmes/" + programme + "/publication").then().statusCode(200);

            // the partner's endpoint fails: the delivery is being retried
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.stream().anyMatch(a -> a.startsWith("503") && a.contains(programme)));

            Platform platform = PlatformExtension.platform();
            AppProcess first = platform.app(Platform.PROGRAMS);
            AppProcess second = platform.app(Platform.PROGRAMS + "-2");
            first.stop();
            second.stop();
            healthy.set(true);
            first.start();
            second.start();
            first.awaitReady(Duration.ofMinutes(2));
            second.awaitReady(Duration.ofMinutes(2));
            PlatformExtension.awaitRouted("/api/v1/programmes");

            await().atMost(Duration.ofSeconds(60)).until(() -> answered.stream().anyMatch(a -> a.startsWith("200") && a.contains(programme)));
            assertTrue(answered.stream().filter(a -> a.contains(programme)).count() >= 2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> SagaFixtures.api(gateway, SagaFixtures.ADMIN)
                    .get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries").then().statusCode(200)
                    .body("[0].status", equalTo("DELIVERED")));
        } finally {
            endpoint.stop(0);
        }
    }
}
