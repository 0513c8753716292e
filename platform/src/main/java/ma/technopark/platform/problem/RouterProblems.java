package ma.technopark.platform.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * HTTP concerns below JAX-RS: the request id, a body-size limit answered as problem+json, and a
 * problem+json 404 for any path no route serves.
 */
@ApplicationScoped
@RegisterForReflection
public class RouterProblems {
    public static final String REQUEST_ID = "X-Request-Id";

    private final long maxBodyBytes;

    public RouterProblems(@ConfigProperty(name = "technopark.http.max-body-bytes", defaultValue = "1048576") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void filters(@Observes Filters filters) {
        filters.register(this::requestId, 1000);
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::bodyLimit);
        router.route().last().handler(this::notFound);
    }

    private void requestId(RoutingContext ctx) {
        requestIdOf(ctx);
        ctx.next();
    }

    /**
     * The request's id: the caller's {@code X-Request-Id} when it gave a usable one, else a new one, set on the
     * request (passed on to the services), on the answer and in the logs' context. Called once per request, and
     * again harmlessly (it keeps the id it finds).
     */
    public static String requestIdOf(RoutingContext ctx) {
        String known = ctx.get(REQUEST_ID);
        if (known != null) {
            return known;
        }
        String id = ctx.request().getHeader(REQUEST_ID);
        if (id == null || id.isBlank() || id.length() > 128) {
            id = newRequestId();
            ctx.request().headers().set(REQUEST_ID, id);
        }
        ctx.put(REQUEST_ID, id);
        ctx.response().putHeader(REQUEST_ID, id);
        MDC.put("requestId", id);
        ctx.addEndHandler(v -> MDC.remove("requestId"));
        return id;
    }

    /**
     * A random (version 4) UUID for a request id, from the thread's own generator: an id to correlate logs needs
     * no secure randomness, and {@link UUID#randomUUID()} shares one lock-protected SecureRandom among all threads.
     */
    public static String newRequestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private void bodyLimit(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    send(ctx, 413, "payload-too-large", "Payload too large",
                            ProblemLanguage.detail("too-large", locale(ctx), Long.toString(maxBodyBytes)));
                    return;
                }
            } catch (NumberFormatException e) {
                send(ctx, 400, "bad-request", "Bad request", ProblemLanguage.detail("unreadable", locale(ctx)));
                return;
            }
        }
        ctx.next();
    }

    private void notFound(RoutingContext ctx) {
        send(ctx, 404, "not-found", "Not found", ProblemLanguage.detail("no-resource", locale(ctx), ctx.normalizedPath()));
    }

    /** The caller's language for problems (fr, ar or en; fr by default). */
    public static java.util.Locale locale(RoutingContext ctx) {
        return ProblemLanguage.resolve(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** Answers a problem, its title in the caller's language (the detail is the caller's to localize). */
    public static void send(RoutingContext ctx, int status, String type, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        java.util.Locale locale = locale(ctx);
        Problem problem = ProblemLanguage.localize(Problems.problem(status, type, title, detail, ctx.normalizedPath(),
                java.util.List.of()), locale);
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .end(Problems.json(problem));
    }
}
