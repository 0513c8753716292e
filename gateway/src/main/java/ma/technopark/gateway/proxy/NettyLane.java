package ma.technopark.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.DateFormatter;
import io.netty.util.concurrent.FastThreadLocal;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The gateway's forwarding below Vert.x's HTTP layer (docs/decisions.md, "Gateway"). Vert.x's HTTP server and
 * client cost the gateway more CPU per forwarded request than the rest of the edge together, CPU that the services
 * and PostgreSQL share on a small host. So once a client's HTTP/1.1 connection has made its first request (through
 * Vert.x, as every request used to), a {@link LaneConnection} joins its Netty pipeline and takes the requests that
 * need nothing but the edge's check and a backend: it decides as the edge does ({@link EdgeGuard}), forwards on a
 * pooled connection of its event loop's ({@link LanePool}) and streams the answer back with the same headers the
 * Vert.x route gives. Every other request goes on to Vert.x and Quarkus as before: the gateway's own operations,
 * {@code /q/...}, a browser's cross-origin request (CORS), anything the edge refuses (it answers there), a body sent
 * in chunks or over the limit, {@code Expect}, upgrades, HTTP/1.0, paths that need normalising.
 */
@ApplicationScoped
public class NettyLane {
    private static final Logger LOG = Logger.getLogger(NettyLane.class);
    private static final String VERTX_HANDLER = "handler";
    private static final String TIMER = "http.server.requests";
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING,
            HttpHeaderNames.UPGRADE, "Proxy-Connection", RouterProblems.REQUEST_ID);

    private final GatewayConfig config;
    private final Backends backends;
    private final EdgeGuard edge;
    private final MeterRegistry registry;
    private final boolean enabled;
    private final long maxBodyBytes;
    /** Quarkus takes the client's address from the forwarding headers (behind a load balancer). */
    private final boolean forwarding;
    private final List<AnswerHeader> answerHeaders;
    private final Map<String, String> hosts = new HashMap<>();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final FastThreadLocal<Map<String, LanePool>> pools = new FastThreadLocal<>() {
        @Override
        protected Map<String, LanePool> initialValue() {
            return new HashMap<>();
        }
    };
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter taken;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private volatile Stamp date = new Stamp(0, "");
    private volatile boolean stopping;

    private record TimerKey(String method, String template, int status) {
    }

    /** The Date header's value for one second. */
    private record Stamp(long second, String text) {
    }

    /** Reads a request's trace context (W3C {@code traceparent}) from Netty's headers. */
    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders carrier) {
            return carrier.names();
        }

        @Override
        public String get(HttpHeaders carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** One of {@code quarkus.http.header."name"}: a header every answer under {@code pathPrefix} carries. */
    record AnswerHeader(String name, String value, String pathPrefix) {
    }

    public NettyLane(GatewayConfig config, Backends backends, EdgeGuard edge, MeterRegistry registry, OpenTelemetry telemetry,
            Config settings,
            @ConfigProperty(name = "technopark.http.max-body-bytes", defaultValue = "1048576") long maxBodyBytes,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean tracingOff,
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean forwarding) {
        this.config = config;
        this.backends = backends;
        this.edge = edge;
        this.registry = registry;
        this.enabled = config.lane();
        this.maxBodyBytes = maxBodyBytes;
        this.forwarding = forwarding;
        this.answerHeaders = answerHeaders(settings);
        this.taken = Counter.builder("technopark.gateway.lane.requests")
                .description("Requests forwarded below Vert.x's HTTP layer (the rest went through Vert.x's proxy)")
                .register(registry);
        // as for a request through Vert.x: no span when OpenTelemetry is off (the trace context passes on as it came)
        this.tracer = (tracingOff ? OpenTelemetry.noop() : telemetry).getTracer("ma.technopark.gateway");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        for (Backend backend : backends.all()) {
            hosts.put(backend.name(), backend.origin().substring("http://".length()));
        }
    }

    /** Joins the pipeline of the connection {@code ctx}'s request came on, unless it is there already. */
    void join(RoutingContext ctx) {
        if (!enabled || stopping) {
            return;
        }
        HttpConnection connection = ctx.request().connection();
        // an upgrade (h2c, WebSocket) turns the connection into something else: it is left to Vert.x
        // (its backend connections are NIO channels: with a native transport the lane stays out)
        if (connection instanceof Http1xServerConnection http1 && http1.channel() instanceof NioSocketChannel
                && !ctx.request().headers().contains(HttpHeaderNames.UPGRADE)) {
            ChannelPipeline pipeline = http1.channel().pipeline();
            if (pipeline.get(LaneConnection.NAME) == null && pipeline.get(VERTX_HANDLER) != null) {
                pipeline.addBefore(VERTX_HANDLER, LaneConnection.NAME, new LaneConnection(this, ctx.request().isEnded()));
            }
        }
    }

    /** The lane's exchange for {@code request}, or null when the request is Vert.x's to handle. */
    LaneExchange take(LaneConnection connection, ChannelHandlerContext ctx, HttpRequest request, String remoteHost) {
        // HEAD: its answer has a body's headers and no body, which the answer's encoder here cannot tell
        if (stopping || !request.decoderResult().isSuccess() || request.protocolVersion() != HttpVersion.HTTP_1_1
                || request.method() == HttpMethod.HEAD) {
            return null;
        }
        HttpHeaders headers = request.headers();
        if (headers.contains(HttpHeaderNames.ORIGIN) || headers.contains(HttpHeaderNames.EXPECT)
                || headers.contains(HttpHeaderNames.UPGRADE) || headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return null;
        }
        if (forwarding && (headers.contains("Forwarded") || headers.contains("X-Forwarded-For"))) {
            return null; // the client's address (its rate limit's key) is Quarkus' to read, with its rules of trust
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && !withinLimit(length)) {
            return null;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.startsWith(RouteIndex.PREFIX) || !plain(path)) {
            return null;
        }
        String method = request.method().name();
        EdgeGuard.Route route = edge.route(method, path);
        if (route.refusal() != null || DocumentMerger.GATEWAY.equals(route.verdict().owner())) {
            return null;
        }
        Backend backend = backends.get(route.verdict().owner());
        if (backend == null || !backend.addresses().resolved()) {
            return null;
        }
        if (!edge.admit(route, method, path, headers.get(HttpHeaderNames.AUTHORIZATION), remoteHost).passed()) {
            return null; // Vert.x's route asks the edge again and answers the refusal
        }
        if (!backend.circuit().tryAcquire()) {
            return null;
        }
        String requestId = headers.get(RouterProblems.REQUEST_ID);
        if (requestId == null || requestId.isBlank() || requestId.length() > 128) {
            requestId = RouterProblems.newRequestId();
        }
        inFlight.incrementAndGet();
        taken.increment();
        String template = route.verdict().template();
        Span span = tracer.spanBuilder(method + " " + template).setSpanKind(SpanKind.SERVER)
                .setParent(propagator.extract(Context.root(), headers, HEADERS))
                .setAttribute("http.request.method", method).setAttribute("url.scheme", "http")
                .setAttribute("url.path", path).setAttribute("http.route", template)
                .setAttribute("client.address", remoteHost).startSpan();
        return new LaneExchange(this, connection, ctx, request, backend, requestId, template, span);
    }

    private boolean withinLimit(String length) {
        try {
            return Long.parseLong(length.trim()) <= maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A path Vert.x's normalisation leaves as it is: no percent-encoding, no empty or dot segment. The edge matched it
     * as it came; Vert.x's route would match its normalised form.
     */
    static boolean plain(String path) {
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '~' || (c == '/' && previous != '/') || (c == '.' && previous != '/');
            if (!ok) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** The client's address as Vert.x gives it (the key of its rate limit when it has no token). */
    static String host(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }

    LanePool pool(EventLoop loop, Backend backend) {
        Map<String, LanePool> mine = pools.get();
        LanePool pool = mine.get(backend.name());
        if (pool == null) {
            GatewayConfig.Backend settings = config.backends().get(backend.name());
            int loops = 0;
            for (var ignored : loop.parent()) {
                loops++;
            }
            // the backend's connection limit is shared out between the event loops
            int max = Math.max(1, (settings.maxConnections() + loops - 1) / Math.max(1, loops));
            pool = new LanePool(loop, backend, max, (int) settings.connectTimeout().toMillis());
            mine.put(backend.name(), pool);
        }
        return pool;
    }

    /**
     * The request's headers as the backend gets them, changed in place: hop-by-hop ones left out (and those its
     * {@code Connection} names), the service's own name in Host, the request's id, the span's trace context.
     */
    HttpHeaders requestHeaders(HttpHeaders headers, Backend backend, String requestId, Span span, int contentLength) {
        withoutHopByHop(headers);
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        headers.set(HttpHeaderNames.HOST, hosts.get(backend.name()));
        headers.set(RouterProblems.REQUEST_ID, requestId);
        SpanContext trace = span.getSpanContext();
        if (trace.isValid()) {
            headers.set("traceparent", "00-" + trace.getTraceId() + "-" + trace.getSpanId() + "-" + trace.getTraceFlags().asHex());
        }
        if (contentLength > 0) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        return headers;
    }

    /**
     * The backend's answer headers as the client gets them, changed in place: hop-by-hop ones left out (but how its
     * body is framed), the edge's own added, the service's URLs made paths.
     */
    void answerHeaders(HttpHeaders headers, Backend backend, String path, String requestId, boolean keepAlive) {
        String framing = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
        withoutHopByHop(headers);
        if (framing != null) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, framing); // the pieces go on as they came
        }
        edgeHeaders(headers, path, requestId, keepAlive);
        if (!headers.contains(HttpHeaderNames.DATE)) {
            headers.set(HttpHeaderNames.DATE, date()); // a proxy adds the Date an origin left out (RFC 9110, 6.6.1)
        }
        String origin = backend.origin();
        for (String name : ProxyRoutes.URL_HEADERS) {
            List<String> values = headers.getAll(name);
            if (!values.isEmpty() && values.stream().anyMatch(v -> v.contains(origin))) {
                headers.set(name, values.stream().map(v -> v.replace(origin + "/", "/")).toList());
            }
        }
    }

    /** Leaves out the headers of one connection only (RFC 9110, 7.6.1), the ones {@code Connection} names too. */
    private static void withoutHopByHop(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            for (String named : connection.split(",")) {
                headers.remove(named.trim());
            }
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        for (CharSequence name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    private void edgeHeaders(HttpHeaders headers, String path, String requestId, boolean keepAlive) {
        for (AnswerHeader header : answerHeaders) {
            if (path.startsWith(header.pathPrefix())) {
                headers.set(header.name(), header.value());
            }
        }
        headers.set(RouterProblems.REQUEST_ID, requestId);
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }

    /** The 503 problem for a backend that did not answer, as the Vert.x route writes it. */
    void unavailable(ChannelHandlerContext client, HttpRequest request, Backend backend, String requestId, boolean keepAlive,
            Throwable cause) {
        LOG.debugf("%s did not answer %s: %s", backend.serviceName(), request.uri(), String.valueOf(cause));
        String uri = request.uri();
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        Locale locale = ProblemLanguage.resolve(request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE));
        String json = Problems.json(ProblemLanguage.localize(Problems.problem(503, "unavailable", "Service unavailable",
                ProblemLanguage.detail("service-down", locale, backend.serviceName()), path, List.of()), locale));
        ByteBuf content = ByteBufUtil.writeUtf8(client.alloc(), json);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .set(HttpHeaderNames.CONTENT_LANGUAGE, locale.toLanguageTag())
                .set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.RETRY_AFTER, backend.circuit().retryAfterSeconds());
        edgeHeaders(response.headers(), path, requestId, keepAlive);
        if (keepAlive) {
            client.writeAndFlush(response, client.voidPromise());
        } else {
            client.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private String date() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = date;
        if (stamp.second() != second) {
            stamp = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
            date = stamp;
        }
        return stamp.text();
    }

    /**
     * A forwarded request has been answered: its span ends, and Quarkus' HTTP server metric counts it with the
     * operation's template as its uri, as for a request through Vert.x.
     */
    void answered(Span span, String template, String method, int status, long nanos) {
        inFlight.decrementAndGet();
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
        TimerKey key = new TimerKey(method, template, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder(TIMER)
                    .tag("method", method).tag("uri", template).tag("status", Integer.toString(status))
                    .tag("outcome", outcome(status)).register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A forwarded request whose client left before its answer ended. */
    void abandoned(Span span) {
        inFlight.decrementAndGet();
        span.setStatus(StatusCode.ERROR, "the client closed its connection");
        span.end();
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    boolean idempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.PUT || method == HttpMethod.DELETE;
    }

    /** The answer headers configured for Quarkus' routes ({@code quarkus.http.header."name".value} and {@code .path}). */
    static List<AnswerHeader> answerHeaders(Config settings) {
        List<AnswerHeader> headers = new ArrayList<>();
        String prefix = "quarkus.http.header.";
        for (String property : settings.getPropertyNames()) {
            if (!property.startsWith(prefix) || !property.endsWith(".value")) {
                continue;
            }
            String key = property.substring(prefix.length(), property.length() - ".value".length());
            String name = key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
            String path = settings.getOptionalValue(prefix + key + ".path", String.class).orElse("/*");
            String pathPrefix = path.endsWith("*") ? path.substring(0, path.length() - 1) : path;
            headers.add(new AnswerHeader(name, settings.getValue(property, String.class), pathPrefix));
        }
        return List.copyOf(headers);
    }

    /** On shutdown new requests go to Vert.x (which refuses them while Quarkus stops); those in flight finish first. */
    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
