package ma.technopark.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import ma.technopark.gateway.backend.Backend;
import ma.technopark.gateway.backend.Backends;
import ma.technopark.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * The merged OpenAPI document, kept current: each service's document is fetched at start-up and again every
 * {@code technopark.gateway.openapi.refresh} (every 2 s while one is missing), so a service that adds an operation
 * shows up without any change to the gateway. A service that cannot be reached keeps its last known document.
 */
@ApplicationScoped
public class MergedDocument {
    private static final Logger LOG = Logger.getLogger(MergedDocument.class);
    private static final long RETRY_MILLIS = 2000;
    /** Where Quarkus puts the application's OpenAPI document at build time. */
    static final String OWN_DOCUMENT = "META-INF/quarkus-generated-openapi-doc.JSON";

    /** The current merge: the document, its JSON text and its index. */
    public record Snapshot(ObjectNode document, byte[] json, RouteIndex index, Map<String, Boolean> known, ObjectNode events) {
        public boolean knows(String backend) {
            return Boolean.TRUE.equals(known.get(backend));
        }
    }

    private final Backends backends;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> eventDocuments = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final CompletableFuture<Void> ownCaptured = new CompletableFuture<>();
    private volatile JsonNode own;
    private volatile Snapshot current;

    public MergedDocument(Backends backends, GatewayConfig config, ObjectMapper json) {
        this.backends = backends;
        this.config = config;
        this.json = json;
        this.current = new Snapshot(json.createObjectNode(), new byte[0], RouteIndex.EMPTY, Map.of(), json.createObjectNode());
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        // The first fetch builds the HTTP client (the TLS stack, the trust store): on a worker, not the start-up thread
        ClassLoader classes = Thread.currentThread().getContextClassLoader();
        vertx.executeBlocking(() -> {
            readOwn(classes);
            schedule(vertx, 0);
            return null;
        }, false);
    }

    private void schedule(Vertx vertx, long delayMillis) {
        Runnable run = () -> refresh().whenComplete((complete, failure) ->
                schedule(vertx, Boolean.TRUE.equals(complete) ? config.openapi().refresh().toMillis() : RETRY_MILLIS));
        if (delayMillis <= 0) {
            run.run();
        } else {
            vertx.setTimer(delayMillis, id -> run.run());
        }
    }

    /**
     * Reads the gateway's own document (its operations, e.g. the dashboard) as Quarkus wrote it at build time, which is
     * what Quarkus serves for an application without filters that run at start-up. Reading it here, off the start-up
     * thread, leaves Quarkus' own document to be built when first asked for ({@code LazyOpenApiDocuments}) instead of
     * at every start (about 0.2 s of the gateway's start-up thread); every reader of the merge waits for it
     * ({@link #awaitOwn}).
     */
    private void readOwn(ClassLoader classes) {
        try (InputStream document = classes.getResourceAsStream(OWN_DOCUMENT)) {
            if (document == null) {
                LOG.errorf("The gateway's own OpenAPI document (%s) is missing; the merge goes on without it", OWN_DOCUMENT);
            } else {
                own = json.readTree(document);
                rebuild();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("The gateway's own OpenAPI document could not be read; the merge goes on without it", e);
        } finally {
            ownCaptured.complete(null);
        }
    }

    /** Waits until the gateway's own document is read (a few tenths of a second after start-up at most). */
    void awaitOwn() {
        try {
            ownCaptured.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The gateway's own OpenAPI document is not read yet; serving the merge without it");
        }
    }

    public Snapshot current() {
        return current;
    }

    /** Fetches every service's document again; completes with whether all of them are known. */
    public CompletableFuture<Boolean> refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(false);
        }
        List<CompletableFuture<Void>> fetches = backends.all().stream().map(this::fetch).toList();
        return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            refreshing.set(false);
            rebuild();
            return documents.keySet().containsAll(backends.all().stream().map(Backend::name).toList());
        });
    }

    private CompletableFuture<Void> fetch(Backend backend) {
        CompletableFuture<Void> openapi = fetch(backend, "/q/openapi?format=json", "paths", documents);
        CompletableFuture<Void> asyncapi = fetch(backend, "/q/asyncapi", "channels", eventDocuments);
        return CompletableFuture.allOf(openapi, asyncapi);
    }

    private CompletableFuture<Void> fetch(Backend backend, String path, String mustHave, Map<String, JsonNode> into) {
        return backends.getJson(backend, path, Map.of(), false).toCompletableFuture()
                .thenAccept(reply -> {
                    if (reply.status() == 200 && reply.body() != null && reply.body().path(mustHave).isObject()) {
                        into.put(backend.name(), reply.body());
                    } else {
                        LOG.warnf("%s answered %d for %s", backend.serviceName(), reply.status(), path);
                    }
                })
                .exceptionally(failure -> {
                    LOG.debugf("Nothing from %s%s: %s", backend.serviceName(), path, failure.getMessage());
                    return null;
                });
    }

    private synchronized void rebuild() {
        JsonNode gateway = own;
        if (gateway == null) {
            gateway = json.createObjectNode().put("openapi", "3.1.0");
        }
        Map<String, JsonNode> services = new LinkedHashMap<>();
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (Backend backend : backends.all()) {
            services.put(backend.name(), documents.get(backend.name()));
            known.put(backend.name(), documents.containsKey(backend.name()));
        }
        try {
            ObjectNode merged = DocumentMerger.merge(gateway, services, config.openapi().serverUrl());
            current = new Snapshot(merged, json.writeValueAsBytes(merged), RouteIndex.of(merged), known,
                    EventsMerger.merge(new LinkedHashMap<>(eventDocuments), backends.all().stream().map(Backend::name).toList()));
        } catch (Exception e) {
            LOG.errorf(e, "Could not merge the OpenAPI documents; keeping the previous merge");
        }
    }
}
