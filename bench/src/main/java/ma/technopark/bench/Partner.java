package ma.technopark.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A partner subscribed (through programs-service's API) to one event type: what makes programs-service's webhook
 * consumer act on an event (it queues a delivery). Its endpoint, in the bench's JVM, is down (503): after 10
 * failures in a row programs-service disables the subscription, as it would a real partner's, and from then on the
 * consumer still queues a delivery for each event but nothing is sent. So the scenario measures the consumer, as
 * before the consumer kept no inbox row, and not the sending of 200 webhooks a second. Closing it deletes the
 * subscription, whose deliveries go with it, and stops the endpoint.
 */
final class Partner implements AutoCloseable {
    private final String programs;
    private final HttpServer endpoint;
    private final String subscription;

    private Partner(String programs, HttpServer endpoint, String subscription) {
        this.programs = programs;
        this.endpoint = endpoint;
        this.subscription = subscription;
    }

    static Partner subscribe(String programs, String type) {
        HttpServer endpoint;
        try {
            endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoint.createContext("/events", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        endpoint.setExecutor(Executors.newFixedThreadPool(4));
        endpoint.start();
        String partner = Load.create(programs + "/api/v1/partners", Fixtures.ADMIN,
                "{\"name\": \"Banque banc d'essai " + UUID.randomUUID() + "\", \"kind\": \"BANK\"}").get("id").asText();
        String subscription = Load.create(programs + "/api/v1/webhook-subscriptions", Fixtures.ADMIN, """
                {"url": "http://127.0.0.1:%d/events", "eventTypes": ["%s"], "partnerId": "%s"}"""
                .formatted(endpoint.getAddress().getPort(), type, partner)).get("id").asText();
        return new Partner(programs, endpoint, subscription);
    }

    String subscription() {
        return subscription;
    }

    /** The subscription's status (ACTIVE, or DISABLED once its endpoint failed 10 times in a row). */
    String status() {
        return Load.json(Load.send(Load.get(programs + "/api/v1/webhook-subscriptions/" + subscription, Fixtures.ADMIN)).body())
                .path("status").asText();
    }

    @Override
    public void close() {
        try {
            String etag = Load.send(Load.get(programs + "/api/v1/webhook-subscriptions/" + subscription, Fixtures.ADMIN))
                    .headers().firstValue("ETag").orElse("\"0\"");
            Load.send(HttpRequest.newBuilder(URI.create(programs + "/api/v1/webhook-subscriptions/" + subscription))
                    .header("Authorization", "Bearer " + Fixtures.ADMIN).header("If-Match", etag).DELETE().build());
        } finally {
            endpoint.stop(0);
            ((java.util.concurrent.ExecutorService) endpoint.getExecutor()).shutdownNow();
        }
    }
}
