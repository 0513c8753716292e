package ma.technopark.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import ma.technopark.contracts.EventCatalog;

/**
 * A partner subscribed to every event type of the catalog, with an endpoint that takes every delivery (204): the
 * webhook consumer's witness. That consumer keeps no inbox row (a delivery is unique per subscription and event),
 * so what it read is what it queued for this subscription. Closing it deletes the subscription, whose deliveries go
 * with it, so that no later test shares the machine with their dispatching, and stops the endpoint.
 */
final class WebhookWitness implements AutoCloseable {
    private final String gateway;
    private final HttpServer endpoint;
    private final String subscription;

    private WebhookWitness(String gateway, HttpServer endpoint, String subscription) {
        this.gateway = gateway;
        this.endpoint = endpoint;
        this.subscription = subscription;
    }

    static WebhookWitness subscribe(String gateway) {
        HttpServer endpoint;
        try {
            endpoint = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoint.createContext("/witness", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        String partner = SagaFixtures.api(gateway, SagaFixtures.ADMIN)
                .body("{\"name\": \"Témoin webhooks " + UUID.randomUUID() + "\", \"kind\": \"BANK\"}")
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
        List<String> types = new ArrayList<>();
        EventCatalog.all().forEach(t -> types.add("\"" + t.fullType() + "\""));
        String subscription = SagaFixtures.api(gateway, SagaFixtures.ADMIN).body("""
                {"url": "http://localhost:%d/witness", "eventTypes": %s, "partnerId": "%s"}"""
                        .formatted(endpoint.getAddress().getPort(), types, partner))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
        return new WebhookWitness(gateway, endpoint, subscription);
    }

    /** How many of these events the webhook consumer queued for the witness (at most one each, by constraint). */
    long queued(Collection<String> eventIds) {
        return Databases.count("programs", "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid"
                + " AND event_id = ANY(?)", subscription, new ArrayList<>(eventIds));
    }

    @Override
    public void close() {
        try {
            String etag = SagaFixtures.api(gateway, SagaFixtures.ADMIN).get("/api/v1/webhook-subscriptions/" + subscription)
                    .then().statusCode(200).extract().header("ETag");
            SagaFixtures.api(gateway, SagaFixtures.ADMIN).header("If-Match", etag)
                    .delete("/api/v1/webhook-subscriptions/" + subscription).then().statusCode(204);
        } finally {
            endpoint.stop(0);
        }
    }
}
