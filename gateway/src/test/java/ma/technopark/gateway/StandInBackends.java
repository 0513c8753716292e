package ma.technopark.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import ma.technopark.infra.Ports;

/**
 * A stand-in for sites-service that echoes what it receives, and a programs backend that is down. The
 * gateway's behaviour with the real services is covered by the system tests.
 */
public class StandInBackends implements QuarkusTestResourceLifecycleManager {
    static final AtomicInteger RECEIVED = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            RECEIVED.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String reply = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"uri\":\"" + exchange.getRequestURI()
                    + "\",\"requestId\":\"" + exchange.getRequestHeaders().getFirst("X-Request-Id")
                    + "\",\"authorization\":\"" + exchange.getRequestHeaders().getFirst("Authorization")
                    + "\",\"bodyLength\":" + body.length + "}";
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/q/health/ready") ? 200 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return Map.of(
                "technopark.gateway.backends.sites.url", "http://localhost:" + server.getAddress().getPort(),
                "technopark.gateway.backends.startups.url", "http://localhost:" + server.getAddress().getPort(),
                "technopark.gateway.backends.programs.url", "http://localhost:" + Ports.free(),
                "technopark.gateway.backends.programs.timeout", "2s",
                "technopark.gateway.routes.programmes", "programs");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
