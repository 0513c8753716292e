package ma.technopark.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Backends and the route table: the first path segment after /api/v1/ names the owning backend. */
@ConfigMapping(prefix = "technopark.gateway")
public interface GatewayConfig {
    /** Backends by name (sites, startups, programs). */
    Map<String, Backend> backends();

    /** First path segment → backend name, e.g. {@code sites → sites}. */
    Map<String, String> routes();

    interface Backend {
        /** Base URL, e.g. http://localhost:8081. */
        String url();

        /** How long a request may wait for the backend's answer before a 503. */
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("1s")
        Duration connectTimeout();
    }
}
