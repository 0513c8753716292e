package ma.technopark.gateway.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import ma.technopark.gateway.config.GatewayConfig;
import ma.technopark.platform.Lazy;

/**
 * The services behind the gateway, and the gateway's own calls to them (documents, figures, readiness), made
 * without blocking and counted by each backend's circuit like the proxied requests.
 */
@ApplicationScoped
public class Backends {
    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final Lazy<HttpClient> http; // built on the first call: not on the start-up thread
    private final ObjectMapper json;

    public Backends(GatewayConfig config, ObjectMapper json) {
        this.json = json;
        config.backends().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> backends.put(e.getKey(),
                new Backend(e.getKey(), URI.create(e.getValue().url()), e.getValue().timeout(),
                        new CircuitBreaker(e.getValue().failureThreshold(), e.getValue().openFor()))));
        this.http = Lazy.of(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build());
    }

    public Collection<Backend> all() {
        return backends.values();
    }

    public Backend get(String name) {
        return backends.get(name);
    }

    /** A GET answered with its status and JSON body; a failed call (no answer, open circuit) completes exceptionally. */
    public CompletionStage<Reply> getJson(Backend backend, String pathAndQuery, Map<String, String> headers) {
        return getJson(backend, pathAndQuery, headers, true);
    }

    /**
     * The same, for the gateway's own background calls when {@code traffic} is false (fetching documents): those
     * neither wait for nor move the circuit, which only clients' requests drive. A service that is still starting
     * while the gateway polls for its document must not open its circuit.
     */
    public CompletionStage<Reply> getJson(Backend backend, String pathAndQuery, Map<String, String> headers, boolean traffic) {
        if (traffic && !backend.circuit().tryAcquire()) {
            return CompletableFuture.failedFuture(new Unavailable(backend, "its circuit is open"));
        }
        return send(backend, pathAndQuery, request -> {
            request.timeout(backend.timeout()).header("Accept", "application/json");
            headers.forEach(request::header);
        }, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                if (traffic) {
                    backend.circuit().onFailure();
                }
                throw new Unavailable(backend, cause(failure).getClass().getSimpleName());
            }
            if (traffic) {
                backend.circuit().onSuccess();
            }
            try {
                JsonNode body = response.body().length == 0 ? null : json.readTree(response.body());
                return new Reply(response.statusCode(), body);
            } catch (java.io.IOException e) {
                throw new Unavailable(backend, "it answered with something that is not JSON");
            }
        });
    }

    /** The status of a plain GET, or -1 when the backend does not answer; the circuit is left alone (probes). */
    public CompletionStage<Integer> probe(Backend backend, String path, Duration timeout) {
        return send(backend, path, request -> request.timeout(timeout), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure != null ? -1 : response.statusCode());
    }

    /**
     * A GET to one of the backend's addresses in turn ({@link BackendAddresses}); a connection refused or not made in
     * time is tried on the next address, as the proxy does.
     */
    private <T> CompletableFuture<HttpResponse<T>> send(Backend backend, String pathAndQuery,
            Consumer<HttpRequest.Builder> shape, HttpResponse.BodyHandler<T> body) {
        return send(backend, pathAndQuery, shape, body, Math.max(2, backend.addresses().count()));
    }

    private <T> CompletableFuture<HttpResponse<T>> send(Backend backend, String pathAndQuery,
            Consumer<HttpRequest.Builder> shape, HttpResponse.BodyHandler<T> body, int attemptsLeft) {
        InetAddress address = backend.addresses().next();
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(pathAndQuery, address));
        shape.accept(request);
        return http.get().sendAsync(request.build(), body).handle((response, failure) -> {
            if (failure == null) {
                backend.addresses().connected(address);
                return CompletableFuture.completedFuture(response);
            }
            Throwable cause = cause(failure);
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                backend.addresses().refused(address);
                if (attemptsLeft > 1) {
                    return send(backend, pathAndQuery, shape, body, attemptsLeft - 1);
                }
            }
            return CompletableFuture.<HttpResponse<T>>failedFuture(cause);
        }).thenCompose(next -> next);
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    public record Reply(int status, JsonNode body) {
    }

    /** A backend that did not answer. */
    public static final class Unavailable extends RuntimeException {
        private final transient Backend backend;

        public Unavailable(Backend backend, String reason) {
            super(backend.serviceName() + " did not answer: " + reason, null, false, false);
            this.backend = backend;
        }

        public Backend backend() {
            return backend;
        }
    }
}
