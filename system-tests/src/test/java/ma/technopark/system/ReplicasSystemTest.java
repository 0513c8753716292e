package ma.technopark.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ma.technopark.contracts.StartupChanged;
import ma.technopark.contracts.Topics;
import ma.technopark.infra.Platform;
import ma.technopark.testing.EventProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two instances of each service on one PostgreSQL and one broker: work is shared, nothing is done twice. */
@ExtendWith(PlatformExtension.class)
class ReplicasSystemTest {
    private static final int WRITES = 1000;
    private static final String REGISTERED = "ma.technopark." + StartupChanged.REGISTERED;

    private static List<String> instances(String service) {
        return List.of(PlatformExtension.platform().app(service).url(), PlatformExtension.platform().app(service + "-2").url());
    }

    @Test
    void writesSpreadOverBothInstancesGiveExactlyOneEventEachConsumedOnce() throws Exception {
        List<String> startups = instances(Platform.STARTUPS);
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        try (EventProbe probe = EventProbe.on(Topics.STARTUPS);
                WebhookWitness witness = WebhookWitness.subscribe(PlatformExtension.gateway())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                String instance = startups.get(i % 2);
                int n = i;
                done.add(pool.submit(() -> ids.add(UUID.fromString(
                        SagaFixtures.startup(instance, "Replica " + n, "ESS")))));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(WRITES, new HashSet<>(ids).size());
            Set<String> keys = new HashSet<>();
            ids.forEach(id -> keys.add(id.toString()));

            // exactly one event per write on the topic, though both instances run an outbox relay
            probe.await(r -> keys.contains(r.key()), WRITES, Duration.ofSeconds(90));
            List<ConsumerRecord<String, String>> events = probe.drain(
                    r -> keys.contains(r.key()) && REGISTERED.equals(EventProbe.json(r).path("type").asText()),
                    Duration.ofSeconds(3));
            assertEquals(WRITES, events.size(), "events on the topic");
            Set<String> eventIds = new HashSet<>();
            events.forEach(r -> eventIds.add(EventProbe.json(r).path("id").asText()));
            assertEquals(WRITES, eventIds.size(), "distinct event ids");
            assertEquals(WRITES, Databases.count("startups",
                    "SELECT count(*) FROM outbox_event WHERE record_key = ANY (?) AND type = ? AND published_at IS NOT NULL",
                    keys, REGISTERED));

            // each consumed once by programs-service, whose two instances share the topic's partitions
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    Databases.count("programs", "SELECT count(*) FROM startup_replica WHERE id = ANY (?)", ids) == WRITES);
            // each of programs-service's consumers handled each event once: its startup replica (its inbox), its
            // webhooks (a delivery per event for a subscription to every type)
            String inbox = "SELECT count(*) FROM inbox_event WHERE consumer = 'programs.startup-replica' AND event_id = ANY (?)";
            await().atMost(Duration.ofSeconds(90)).until(() -> Databases.count("programs", inbox, new ArrayList<>(eventIds)) >= WRITES);
            assertEquals(WRITES, Databases.count("programs", inbox, new ArrayList<>(eventIds)), "programs.startup-replica");
            await().atMost(Duration.ofSeconds(90)).until(() -> witness.queued(eventIds) >= WRITES);
            assertEquals(WRITES, witness.queued(eventIds), "programs.webhooks");
        }
    }

    @Test
    void theSagaGivesExactlyOneResidencyPerAcceptedApplicationAcrossReplicas() {
        String code = "REP" + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        SagaFixtures.operationalSite(code, 40, 200);
        List<String> startups = instances(Platform.STARTUPS);
        List<UUID> applications = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String instance = startups.get(i % 2);
            String startup = SagaFixtures.startup(instance, "Saga replica " + i, code);
            applications.add(UUID.fromString(SagaFixtures.accept(startups.get((i + 1) % 2), startup, code)));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> Databases.count("startups",
                "SELECT count(*) FROM residency WHERE application_id = ANY (?)", applications) == applications.size());
        Duration settle = Duration.ofSeconds(3);
        await().pollDelay(settle).atMost(settle.plusSeconds(5)).until(() -> true);
        assertEquals(applications.size(), Databases.count("startups",
                "SELECT count(DISTINCT application_id) FROM residency WHERE application_id = ANY (?)", applications));
        assertEquals(applications.size(), Databases.count("startups",
                "SELECT count(*) FROM residency WHERE application_id = ANY (?)", applications));
        assertEquals(applications.size(), Databases.count("sites",
                "SELECT count(*) FROM allocation WHERE application_id = ANY (?)", applications));
    }
}
