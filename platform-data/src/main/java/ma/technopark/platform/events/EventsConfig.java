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

    Inbox inbox();

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

        /**
         * How long an event may wait in the outbox before {@code /q/health/well} reports the outbox DOWN (the broker
         * away, or no replica publishing): {@link OutboxHealth}.
         */
        @WithDefault("30s")
        Duration stalledAfter();

        /** How long published rows are kept before being deleted. */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Inbox {
        /**
         * How long a handled event's id is kept to recognise a redelivery. Kafka cannot deliver an event again once
         * its topic no longer holds it: the broker keeps 7 days, counted from a log segment's last record, and rolls
         * a quiet topic's segment weekly, so a record can stay up to 14 days. The default keeps 30; raise it with the
         * topics' retention.
         */
        @WithDefault("P30D")
        Duration retention();
    }
}
