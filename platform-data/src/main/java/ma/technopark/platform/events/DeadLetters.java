package ma.technopark.platform.events;

import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The incoming channels' dead-letter strategy ({@code failure-strategy=dead-letters}): a record its consumer gave up
 * on goes to the channel's {@code dead-letter-queue.topic}, with its own headers and SmallRye's {@code dead-letter-*}
 * ones (reason, cause, the topic, partition and offset it came from) and {@code dead-letter-group} (the consumer group
 * that gave up: two services' consumers share a topic's dead-letter topic), and is acknowledged once the broker has it, as
 * with SmallRye's own {@code dead-letter-queue} strategy. What differs is the producer: SmallRye's strategy opens one
 * per channel as the app starts (a Kafka producer, with its threads, buffers and metrics, for records that almost
 * never come); this one opens a single producer for all of the app's channels, when its first record is dead-lettered.
 * <p>
 * Should the broker not take the dead letter, the record stays unacknowledged (its offset is not committed past it)
 * and the failure is logged, again as SmallRye's strategy does.
 */
@ApplicationScoped
@Identifier(DeadLetters.STRATEGY)
@Unremovable // looked up by SmallRye through its identifier, never injected
public class DeadLetters implements KafkaFailureHandler.Factory {
    /** The value of a channel's {@code failure-strategy} that selects it. */
    public static final String STRATEGY = "dead-letters";
    /** The header naming the consumer group that gave up on the record. */
    public static final String GROUP_HEADER = "dead-letter-group";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final String bootstrapServers;
    private final String clientId;
    private KafkaProducer<String, String> producer;
    private boolean closed;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, EventsConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = config.source().replace("/", "") + "-dead-letters";
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        String channel = config.getChannel();
        // The records are written back as they were read: as text, which is what every channel here reads.
        for (String deserializer : new String[] { config.getKeyDeserializer(), config.getValueDeserializer() }) {
            if (!StringDeserializer.class.getName().equals(deserializer)) {
                throw new IllegalArgumentException("channel " + channel + ": the " + STRATEGY + " failure strategy writes"
                        + " text records back, but the channel reads with " + deserializer);
            }
        }
        String topic = config.getDeadLetterQueueTopic().orElse("dead-letter-topic-" + channel);
        // Several services' consumers share a topic's dead-letter topic: the group says whose consumer gave up.
        Object group = consumer.configuration().get(ConsumerConfig.GROUP_ID_CONFIG);
        String groupId = group == null ? config.getGroupId().orElse(channel) : group.toString();
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                ProducerRecord<String, String> dead = deadLetter(topic, groupId, record, reason);
                LOG.warnf("%s: the record at offset %d of %s-%d goes to %s: %s", channel, record.getOffset(),
                        record.getTopic(), record.getPartition(), topic, reason);
                CompletableFuture<Void> sent = new CompletableFuture<>();
                try {
                    producer().send(dead, (written, failure) -> {
                        if (failure == null) {
                            sent.complete(null);
                        } else {
                            sent.completeExceptionally(failure);
                        }
                    });
                } catch (RuntimeException e) {
                    sent.completeExceptionally(e);
                }
                return Uni.createFrom().completionStage(sent)
                        .onFailure().invoke(e -> LOG.errorf("%s: the record at offset %d of %s-%d could not go to %s, it"
                                + " stays unacknowledged: %s", channel, record.getOffset(), record.getTopic(),
                                record.getPartition(), topic, e))
                        .onItem().transformToUni(done -> Uni.createFrom().completionStage(record.ack()))
                        .emitOn(record::runOnMessageContext);
            }
        };
    }

    /**
     * The record as it was read, with its headers, the {@code dead-letter-*} headers SmallRye's strategy writes, and
     * {@value #GROUP_HEADER}, the consumer group that gave up on it.
     */
    static ProducerRecord<String, String> deadLetter(String topic, String group, IncomingKafkaRecord<?, ?> record,
            Throwable reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(topic, null, (String) record.getKey(),
                (String) record.getPayload());
        Headers headers = dead.headers();
        record.getHeaders().forEach(headers::add);
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME, reason.getClass().getName());
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_REASON, message(reason));
        Throwable cause = reason.getCause();
        if (cause != null) {
            add(headers, KafkaDeadLetterQueue.DEAD_LETTER_CAUSE_CLASS_NAME, cause.getClass().getName());
            add(headers, KafkaDeadLetterQueue.DEAD_LETTER_CAUSE, message(cause));
        }
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_TOPIC, record.getTopic());
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_PARTITION, Integer.toString(record.getPartition()));
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_OFFSET, Long.toString(record.getOffset()));
        add(headers, GROUP_HEADER, group);
        return dead;
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name); // a record dead-lettered before (replayed from a dead-letter topic) says why only this time
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (closed) {
            throw new IllegalStateException("the app is stopping");
        }
        if (producer == null) {
            producer = new KafkaProducer<>(OutboxRelay.producerConfig(bootstrapServers, clientId), new StringSerializer(),
                    new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
