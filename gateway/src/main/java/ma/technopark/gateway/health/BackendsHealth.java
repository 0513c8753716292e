package ma.technopark.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import ma.technopark.gateway.backend.Backend;
import ma.technopark.gateway.backend.Backends;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateway's readiness lists each backend's own readiness and circuit. The gateway stays ready while at least one
 * backend is: it still serves the others' routes (and a fast 503 for the missing one's), so taking it out of a load
 * balancer because one service is down would turn a partial outage into a full one.
 */
@Readiness
@ApplicationScoped
public class BackendsHealth implements HealthCheck {
    private final Backends backends;

    public BackendsHealth(Backends backends) {
        this.backends = backends;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, CompletableFuture<Integer>> checks = new TreeMap<>();
        for (Backend backend : backends.all()) {
            checks.put(backend.name(), backends.probe(backend, "/q/health/ready", Duration.ofSeconds(2)).toCompletableFuture());
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backends");
        int up = 0;
        for (Map.Entry<String, CompletableFuture<Integer>> check : checks.entrySet()) {
            boolean ready = check.getValue().join() == 200;
            up += ready ? 1 : 0;
            response.withData(check.getKey(), ready ? "UP" : "DOWN");
            response.withData(check.getKey() + ".circuit", backends.get(check.getKey()).circuit().state().name());
        }
        return response.status(up > 0).build();
    }
}
