package ma.technopark.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where this service's events go and how the relay publishes them. */
@ConfigMapping(prefix = "technopark.events")
public interface EventsConfig {
    /** The service's own topic, e.g. {@code technopark.sites.v1}. */
    String topic();

    /** The CloudEvents {@code source}, e.g. {@code /sites-service}. */
    String source();

    Relay relay();

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        /** Rows read and published per transaction. */
        @WithDefault("200")
        int batchSize();

        /** How often the relay looks for events committed by another replica; commits here wake it at once. */
        @WithDefault("500ms")
        Duration pollInterval();

        @WithDefault("2s")
        Duration maxBackoff();

        /** How long published rows are kept before being deleted. */
        @WithDefault("P7D")
        Duration retention();
    }
}
