package ma.technopark.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.management.ObjectName;
import ma.technopark.testing.EventProbe;
import org.junit.jupiter.api.Test;

/**
 * A record the consumer cannot read goes to the dead-letter topic through the service's one dead-letter producer,
 * made for that first dead letter, not at start-up as SmallRye's strategy makes one per channel (docs/decisions.md,
 * "Events"). Kafka registers every producer it makes as an MBean, which is how the test sees them. No other test of
 * this module dead-letters a record, so this one sees the service as it started.
 */
@QuarkusTest
class DeadLettersTest {
    private static final String TOPIC = "technopark.startups.v1";

    private static Set<String> deadLetterProducers() throws Exception {
        Set<String> ids = new TreeSet<>();
        for (ObjectName name : ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("kafka.producer:type=app-info,*"), null)) {
            String id = name.getKeyProperty("client-id") != null ? name.getKeyProperty("client-id") : name.getKeyProperty("id");
            if (id != null && id.contains("dead-letter")) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    void theFirstDeadLetterMakesTheServicesOnlyDeadLetterProducer() throws Exception {
        assertEquals(Set.of(), deadLetterProducers(), "no dead-letter producer before the first dead letter");
        String poison = "not a CloudEvent " + UUID.randomUUID();
        try (EventProbe dlq = EventProbe.on(TOPIC + ".dlq")) {
            EventProbe.send(TOPIC, List.of(Map.entry(UUID.randomUUID().toString(), poison)));
            var dead = dlq.await(r -> poison.equals(r.value()), 1, Duration.ofSeconds(60)).get(0);
            assertEquals("sites-service", EventProbe.headers(dead).get("dead-letter-group"));
        }
        assertEquals(Set.of("sites-service-dead-letters"), deadLetterProducers(), "one producer, made for it");
    }
}
