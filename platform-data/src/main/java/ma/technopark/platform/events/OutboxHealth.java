package ma.technopark.platform.events;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * How the outbox fares, in {@code /q/health/well} (and {@code /q/health}), not in readiness: while the broker is away
 * a service still takes writes, whose events wait in its outbox, so the broker's absence must not take the service
 * out of a load balancer (docs/decisions.md, "Events"). DOWN once an event has waited longer than
 * {@code technopark.events.relay.stalled-after} (30 s) to be published, whatever the cause (the broker away, no
 * replica publishing); its data: the events waiting, the oldest one's time, and this replica's relay's failure if it
 * is the one failing.
 */
@Wellness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {
    static final String NAME = "outbox";

    private final AgroalDataSource dataSource;
    private final OutboxRelay relay;
    private final Duration stalledAfter;

    public OutboxHealth(AgroalDataSource dataSource, OutboxRelay relay, EventsConfig config) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.stalledAfter = config.relay().stalledAfter();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up();
        OutboxRelay.Failing failing = relay.failing();
        if (failing != null) {
            health.withData("relayFailingSince", failing.since().toString()).withData("relayLastError", failing.lastError());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement waiting = c.prepareStatement(
                        // the wait measured by the database's clock, which wrote created_at
                        "SELECT count(*), min(created_at), EXTRACT(EPOCH FROM now() - min(created_at)) FROM outbox_event"
                                + " WHERE published_at IS NULL");
                ResultSet rs = waiting.executeQuery()) {
            rs.next();
            health.withData("unpublished", rs.getLong(1));
            Timestamp oldest = rs.getTimestamp(2);
            if (oldest != null) {
                health.withData("oldestUnpublished", oldest.toInstant().toString());
                if (rs.getDouble(3) * 1000 > stalledAfter.toMillis()) {
                    health.down().withData("reason", "an event has waited over " + stalledAfter.toSeconds()
                            + " s to be published");
                }
            }
        } catch (SQLException e) {
            health.down().withData("reason", "the outbox cannot be read: " + e.getMessage());
        }
        return health.build();
    }
}
