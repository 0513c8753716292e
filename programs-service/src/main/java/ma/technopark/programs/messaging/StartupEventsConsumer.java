package ma.technopark.programs.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import ma.technopark.contracts.StartupChanged;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.events.EventInbox;
import ma.technopark.programs.StartupReplica;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@code startup_replica} in step with startups-service, so that eligibility needs no synchronous call.
 * A state older than the one kept (by version) is ignored; a redelivered event is ignored by the inbox.
 */
@ApplicationScoped
public class StartupEventsConsumer {
    static final String CONSUMER = "programs.startup-replica";
    private static final Set<String> STARTUP_STATE = Set.of(CloudEvent.TYPE_PREFIX + StartupChanged.REGISTERED,
            CloudEvent.TYPE_PREFIX + StartupChanged.UPDATED);

    private final EventInbox inbox;

    public StartupEventsConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("startups-events")
    @Blocking
    public CompletionStage<Void> onStartupEvents(KafkaRecordBatch<String, String> records) {
        return inbox.handle(CONSUMER, records, STARTUP_STATE::contains, this::apply);
    }

    /**
     * One statement per event: the startup's state is inserted, or replaces the one kept unless that one is newer
     * (by version). Loading the entity first cost a second round trip to the database per event, on the path the
     * events benchmark times (bench/FINDINGS.md, "Events (5)").
     */
    void apply(CloudEvent event) {
        if (!STARTUP_STATE.contains(event.type())) {
            return;
        }
        StartupChanged s = inbox.data(event, StartupChanged.class);
        StartupReplica.getEntityManager().createNativeQuery("""
                INSERT INTO startup_replica (id, kind, brand_name, sector, stage, status, home_site_code, version, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS text), ?8, now())
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, brand_name = EXCLUDED.brand_name,
                    sector = EXCLUDED.sector, stage = EXCLUDED.stage, status = EXCLUDED.status,
                    home_site_code = EXCLUDED.home_site_code, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
                WHERE startup_replica.version <= EXCLUDED.version""")
                .setParameter(1, s.id()).setParameter(2, s.kind()).setParameter(3, s.brandName())
                .setParameter(4, s.sector()).setParameter(5, s.stage()).setParameter(6, s.status())
                .setParameter(7, s.homeSiteCode()).setParameter(8, s.version())
                .executeUpdate();
    }
}
