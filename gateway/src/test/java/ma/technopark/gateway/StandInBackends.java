package ma.technopark.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import ma.technopark.infra.Ports;

/**
 * Stand-ins for the services, outside the gateway under test: a sites and a startups backend that publish a small
 * OpenAPI document (resources/stand-in/*.json), serve fixed figures and echo every other request, counting what they
 * receive; and a programs backend that is down until a test starts it. The gateway in front of the real services is
 * covered by the system tests.
 */
public class StandInBackends implements QuarkusTestResourceLifecycleManager {
    static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();
    static int programsPort;
    private static HttpServer programs;
    private HttpServer sites;
    private HttpServer startups;

    static int received(String backend, String method, String path) {
        return RECEIVED.getOrDefault(backend + " " + method + " " + path, new AtomicInteger()).get();
    }

    static HttpServer backend(String name, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
            server.createContext("/", exchange -> handle(name, exchange));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized void startPrograms() {
        programs = backend("programs", programsPort);
    }

    static synchronized void stopPrograms() {
        if (programs != null) {
            programs.stop(0);
            programs = null;
        }
    }

    private static void handle(String name, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        RECEIVED.computeIfAbsent(name + " " + exchange.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        String fixed = switch (path) {
            case "/q/openapi" -> resource("stand-in/" + name + ".json");
            case "/q/health/ready" -> "{\"status\":\"UP\"}";
            case "/api/v1/network/coverage" -> resource("stand-in/coverage.json");
            case "/api/v1/network/occupancy" -> resource("stand-in/occupancy.json");
            case "/api/v1/startup-figures" -> resource("stand-in/startup-figures.json");
            case "/api/v1/beneficiary-figures" -> "{\"conventionId\":null,\"beneficiaries\":1312,\"target\":1300}";
            default -> null;
        };
        if (fixed == null && "\"7\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        String reply = fixed != null ? fixed : "{\"backend\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                + "\",\"uri\":\"" + exchange.getRequestURI()
                + "\",\"requestId\":\"" + exchange.getRequestHeaders().getFirst("X-Request-Id")
                + "\",\"traceparent\":\"" + exchange.getRequestHeaders().getFirst("traceparent")
                + "\",\"authorization\":\"" + exchange.getRequestHeaders().getFirst("Authorization")
                + "\",\"bodyLength\":" + body.length + "}";
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("ETag", "\"7\"");
        exchange.getResponseHeaders().add("X-Request-Id", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
        if (fixed == null) {
            // as a service does: absolute URLs built from the Host it was called by
            String origin = "http://" + exchange.getRequestHeaders().getFirst("Host");
            exchange.getResponseHeaders().add("Location", origin + path + "/42");
            exchange.getResponseHeaders().add("Link", "<" + origin + path + "?cursor=abc>; rel=\"next\"");
        }
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StandInBackends.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public Map<String, String> start() {
        sites = backend("sites", 0);
        startups = backend("startups", 0);
        programsPort = Ports.free();
        Map<String, String> config = new HashMap<>();
        config.put("technopark.gateway.backends.sites.url", "http://localhost:" + sites.getAddress().getPort());
        config.put("technopark.gateway.backends.startups.url", "http://localhost:" + startups.getAddress().getPort());
        config.put("technopark.gateway.backends.programs.url", "http://localhost:" + programsPort);
        config.put("technopark.gateway.backends.programs.timeout", "2s");
        config.put("technopark.gateway.backends.programs.failure-threshold", "2");
        config.put("technopark.gateway.backends.programs.open-for", "1s");
        config.put("technopark.gateway.routes.limited-things", "sites");
        config.put("technopark.gateway.rate-limits.default.limit", "100000");
        config.put("technopark.gateway.rate-limits.burst.limit", "3");
        config.put("technopark.gateway.rate-limits.burst.window", "4s");
        config.put("technopark.gateway.rate-limits.burst.segments", "limited-things");
        config.put("technopark.gateway.openapi.refresh", "1s");
        return config;
    }

    @Override
    public void stop() {
        sites.stop(0);
        startups.stop(0);
        stopPrograms();
    }
}
