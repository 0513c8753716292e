package ma.technopark.gateway.proxy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.technopark.gateway.backend.Backend;
import ma.technopark.gateway.backend.Backends;
import ma.technopark.gateway.config.GatewayConfig;
import ma.technopark.gateway.edge.EdgeGuard;
import ma.technopark.gateway.openapi.DocumentMerger;
import ma.technopark.gateway.openapi.RouteIndex;
import ma.technopark.platform.problem.Problem;
import ma.technopark.platform.problem.ProblemLanguage;
import ma.technopark.platform.problem.Problems;
import ma.technopark.platform.problem.RouterProblems;
import org.jboss.logging.Logger;

/**
 * Every {@code /api/v1/...} request: checked at the edge ({@link EdgeGuard}), then either served by the gateway's
 * own operations or forwarded with Vert.x's reverse proxy to the service that owns it: keep-alive connections,
 * bodies streamed both ways, headers (the bearer token, X-Request-Id, conditional headers) passed on, and the
 * gateway's trace context as {@code traceparent}. A backend that does not answer within its timeout, or whose
 * circuit is open, is a 503 problem with Retry-After; its circuit closes again by itself once it answers.
 *
 * <p>Two lanes. Most requests take the <em>fast lane</em>, right after the body-size limit and the configured
 * answer headers: request id, edge check, forward. It skips Quarkus' later filters, which have nothing to do
 * for a forwarded request (authentication and authorization are the edge's and the service's; the gateway's
 * metrics and traces are recorded below the router and still see it), and which cost as much CPU as the
 * forwarding itself. A browser's cross-origin request (it has an {@code Origin}) and the gateway's own operations
 * take the full chain: CORS first, then the same route.
 *
 * <p>The fast lane also lets the {@link NettyLane} join the request's connection: the connection's next requests
 * that need only the edge and a backend are forwarded below Vert.x's HTTP layer, and never reach this class.
 */
@ApplicationScoped
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** After Quarkus' body limit and answer headers (order MIN_VALUE), before its filters and RESTEasy. */
    static final int FAST_LANE = Integer.MIN_VALUE + 1;
    /** Where the edge's verdict waits for the full chain (the gateway's own operations). */
    private static final String VERDICT = EdgeGuard.Verdict.class.getName();
    /** Vert.x context local from which Quarkus' HTTP metrics take their {@code uri} tag. */
    private static final String METRICS_TEMPLATE = "UrlPathTemplate";
    /** The answer headers that carry the service's URLs. */
    static final List<String> URL_HEADERS = List.of("Location", "Content-Location", "Link");

    private final GatewayConfig config;
    private final Backends backends;
    private final EdgeGuard edge;
    private final NettyLane lane;
    /**
     * One proxy (and connection pool) per backend <em>per event loop</em>, made on first use by that loop. Vert.x's
     * pool hands any idle connection to any caller, so with one shared pool a request taken in on one event loop
     * was sent and answered on another, and each request crossed threads twice (a wake-up each way). With a pool
     * per loop, a request stays on the loop that took it in from start to finish, as in nginx's workers.
     */
    private final ThreadLocal<Map<String, HttpProxy>> proxies;
    private Vertx vertx;
    private int eventLoops;

    public ProxyRoutes(GatewayConfig config, Backends backends, EdgeGuard edge, NettyLane lane) {
        this.config = config;
        this.lane = lane;
        this.backends = backends;
        this.edge = edge;
        this.proxies = new ThreadLocal<>();
    }

    void routes(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        int loops = 0;
        for (var ignored : ((io.vertx.core.impl.VertxInternal) vertx).getEventLoopGroup()) {
            loops++;
        }
        this.eventLoops = loops;
        router.route(RouteIndex.PREFIX + "*").order(FAST_LANE).handler(this::fastLane);
        router.route(RouteIndex.PREFIX + "*").order(-10).handler(this::route);
    }

    private void fastLane(RoutingContext ctx) {
        if (ctx.request().headers().contains(HttpHeaders.ORIGIN)) {
            ctx.next(); // cross-origin: Quarkus' CORS filter answers the preflight or decorates the answer first
            return;
        }
        RouterProblems.requestIdOf(ctx);
        lane.join(ctx);
        route(ctx);
    }

    private void route(RoutingContext ctx) {
        EdgeGuard.Verdict verdict = ctx.get(VERDICT);
        if (verdict != null) {
            ctx.next(); // checked in the fast lane already: one of the gateway's own operations
            return;
        }
        verdict = edge.check(ctx);
        if (verdict == null) {
            return;
        }
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(METRICS_TEMPLATE, verdict.template());
        }
        if (DocumentMerger.GATEWAY.equals(verdict.owner())) {
            ctx.put(VERDICT, verdict);
            ctx.next();
            return;
        }
        Backend backend = backends.get(verdict.owner());
        HttpProxy proxy = loopProxies().get(verdict.owner());
        if (backend == null || proxy == null) {
            RouterProblems.send(ctx, 404, "not-found", "Not found",
                    ProblemLanguage.detail("no-resource", RouterProblems.locale(ctx), ctx.normalizedPath()));
            return;
        }
        if (!backend.circuit().tryAcquire()) {
            ctx.response().putHeader("Retry-After", Long.toString(backend.circuit().retryAfterSeconds()));
            RouterProblems.send(ctx, 503, "unavailable", "Service unavailable",
                    ProblemLanguage.detail("service-down", RouterProblems.locale(ctx), backend.serviceName()));
            return;
        }
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            ctx.request().headers().set("traceparent",
                    "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
        }
        proxy.handle(ctx.request());
    }

    private Map<String, HttpProxy> loopProxies() {
        Map<String, HttpProxy> mine = proxies.get();
        if (mine == null) {
            mine = new HashMap<>();
            for (Backend backend : backends.all()) {
                mine.put(backend.name(), proxy(backend));
            }
            proxies.set(mine);
        }
        return mine;
    }

    private HttpProxy proxy(Backend backend) {
        GatewayConfig.Backend settings = config.backends().get(backend.name());
        // the backend's connection limit is shared out between the event loops
        int loops = Math.max(1, eventLoops);
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(Math.max(1, (settings.maxConnections() + loops - 1) / loops))
                .setConnectTimeout((int) settings.connectTimeout().toMillis()));
        long timeout = backend.timeout().toMillis();
        HttpProxy proxy = HttpProxy.reverseProxy(client).originRequestProvider((HttpServerRequest request, HttpClient c) ->
                originRequest(c, backend, timeout, Math.max(2, backend.addresses().count())));
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                return context.sendRequest().map(response -> {
                    backend.circuit().onSuccess();
                    return response;
                }).recover(failure -> {
                    if (clientGone(context, failure)) {
                        // the client closed its connection and the proxy reset the backend's request: not the backend's fault
                        backend.circuit().onAbandoned();
                        return Future.failedFuture(failure);
                    }
                    backend.circuit().onFailure();
                    LOG.debugf("%s did not answer %s: %s", backend.serviceName(), context.request().getURI(), failure.toString());
                    return Future.succeededFuture(unavailable(context, backend));
                });
            }

            @Override
            public Future<Void> handleProxyResponse(ProxyContext context) {
                // The gateway already answers with the request's id (the one it passed on); keep it once.
                context.response().headers().remove(RouterProblems.REQUEST_ID);
                withoutOrigin(context.response().headers(), backend.origin());
                return context.sendResponse();
            }
        });
        return proxy;
    }

    /**
     * A service writes its own address into {@code Location} (a created resource) and {@code Link} (the next page),
     * an address the gateway's callers cannot reach. Those URLs become paths, which the caller resolves against the
     * address it called, whatever proxies stand in front of the gateway (as nginx's {@code proxy_redirect} does).
     */
    static void withoutOrigin(MultiMap headers, String origin) {
        for (String name : URL_HEADERS) {
            List<String> values = headers.getAll(name);
            if (!values.isEmpty() && values.stream().anyMatch(v -> v.contains(origin))) {
                headers.set(name, values.stream().map(v -> v.replace(origin + "/", "/")).toList());
            }
        }
    }

    /**
     * A request to one of the backend's addresses in turn ({@link ma.technopark.gateway.backend.BackendAddresses}),
     * with the service's name in {@code Host}. A connection refused or not made in time is tried on the next address:
     * nothing has been sent yet, so this is safe for any method.
     */
    private static Future<HttpClientRequest> originRequest(HttpClient client, Backend backend, long timeout, int attemptsLeft) {
        InetAddress address = backend.addresses().next();
        RequestOptions options = new RequestOptions().setHost(backend.url().getHost()).setPort(backend.port())
                .setIdleTimeout(timeout);
        if (address != null) {
            options.setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, backend.port())));
        }
        return client.request(options).map(request -> {
            backend.addresses().connected(address);
            return request;
        }).recover(failure -> {
            backend.addresses().refused(address);
            return attemptsLeft > 1 ? originRequest(client, backend, timeout, attemptsLeft - 1) : Future.failedFuture(failure);
        });
    }

    private static boolean clientGone(ProxyContext context, Throwable failure) {
        return failure instanceof StreamResetException || context.request().proxiedRequest().response().closed();
    }

    private static ProxyResponse unavailable(ProxyContext context, Backend backend) {
        String path = context.request().getURI();
        java.util.Locale locale = ProblemLanguage.resolve(context.request().headers().get("Accept-Language"));
        String json = Problems.json(ProblemLanguage.localize(Problems.problem(503, "unavailable", "Service unavailable",
                ProblemLanguage.detail("service-down", locale, backend.serviceName()),
                path.contains("?") ? path.substring(0, path.indexOf('?')) : path, java.util.List.of()), locale));
        ProxyResponse response = context.request().response();
        response.setStatusCode(503).setStatusMessage("Service Unavailable");
        response.headers().clear();
        response.putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Content-Language", locale.toLanguageTag())
                .putHeader("Retry-After", Long.toString(backend.circuit().retryAfterSeconds()));
        response.setBody(Body.body(Buffer.buffer(json)));
        return response;
    }
}
