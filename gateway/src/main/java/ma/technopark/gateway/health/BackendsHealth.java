package ma.technopark.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import ma.technopark.gateway.config.GatewayConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** The gateway's readiness lists each backend's own readiness; it is UP when every backend is. */
@Readiness
@ApplicationScoped
public class BackendsHealth implements HealthCheck {
    private final GatewayConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public BackendsHealth(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, CompletableFuture<Boolean>> checks = new TreeMap<>();
        config.backends().forEach((name, backend) -> checks.put(name, http.sendAsync(
                        HttpRequest.newBuilder(URI.create(backend.url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 200)
                .exceptionally(e -> false)));
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backends").up();
        checks.forEach((name, check) -> {
            boolean up = check.join();
            response.withData(name, up ? "UP" : "DOWN");
            if (!up) {
                response.down();
            }
        });
        return response.build();
    }
}
