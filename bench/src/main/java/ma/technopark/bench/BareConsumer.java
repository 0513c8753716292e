package ma.technopark.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The events scenario's comparator: a plain Kafka consumer of the same topic, in its own group, that only notes
 * when each event (by its {@code ce_id} header) reached it. Beside the services' consumers it tells the broker's
 * share of the delay from the consumers' own.
 */
final class BareConsumer implements AutoCloseable {
    private final Map<String, Long> receivedMicros = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    BareConsumer(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-bare-consumer-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        consumer.poll(Duration.ofSeconds(5)); // join the group and take the partitions before the load starts
        thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        var id = r.headers().lastHeader("ce_id");
                        if (id != null) {
                            long now = System.currentTimeMillis() * 1000;
                            receivedMicros.putIfAbsent(new String(id.value(), java.nio.charset.StandardCharsets.UTF_8), now);
                        }
                    }
                }
            }
        }, "bench-bare-consumer");
        thread.start();
    }

    /** Event id -> when it arrived, in microseconds since the epoch (this machine's clock, as PostgreSQL's). */
    Map<String, Long> received() {
        return receivedMicros;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
