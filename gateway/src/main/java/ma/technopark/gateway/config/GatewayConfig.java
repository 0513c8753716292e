package ma.technopark.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's settings: backends, routes, the merged OpenAPI document, edge authentication and rate limits. */
@ConfigMapping(prefix = "technopark.gateway")
public interface GatewayConfig {
    /** Backends by name (sites, startups, programs). */
    Map<String, Backend> backends();

    /**
     * First path segment → backend name, e.g. {@code sites → sites}. The merged OpenAPI document adds the segments
     * of any operation a service publishes later, so a new operation needs no change here.
     */
    Map<String, String> routes();

    OpenApi openapi();

    /**
     * Forward the requests that need only the edge's check and a backend below Vert.x's HTTP layer, once their
     * connection has made a first request ({@link ma.technopark.gateway.proxy.NettyLane}); false sends every request
     * through Vert.x's reverse proxy.
     */
    @WithDefault("true")
    boolean lane();

    Edge edge();

    /** Rate-limit groups by name; a request counts against the first group that matches it, else against "default". */
    Map<String, RateLimit> rateLimits();

    interface Backend {
        /** Base URL, e.g. http://localhost:8081. */
        String url();

        /** How long a request may wait for the backend's answer before a 503. */
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("1s")
        Duration connectTimeout();

        /** Consecutive failures (no connection, no answer in time) that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one request tries the backend again. */
        @WithDefault("5s")
        Duration openFor();

        /** Pooled keep-alive connections to the backend. */
        @WithDefault("64")
        int maxConnections();
    }

    interface OpenApi {
        /** The servers entry of the merged document: where clients reach the gateway. */
        @WithDefault("/")
        String serverUrl();

        /** How often the backends' documents are fetched again. */
        @WithDefault("30s")
        Duration refresh();
    }

    interface Edge {
        /** Verify tokens at the edge (401 before any backend sees a bad one). */
        @WithDefault("true")
        boolean authentication();

        /** Answer 404/405 at the edge for a request that matches no operation of the merged document. */
        @WithDefault("true")
        boolean inventory();
    }

    interface RateLimit {
        /** Requests allowed per window and client (the token's subject, else the address); also the burst. */
        int limit();

        @WithDefault("1s")
        Duration window();

        /** Path segments this group covers, wherever they are in the path (all paths when absent). */
        Optional<List<String>> segments();

        /** HTTP methods this group covers (all when absent). */
        Optional<List<String>> methods();
    }
}
