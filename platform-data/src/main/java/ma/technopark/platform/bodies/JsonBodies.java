package ma.technopark.platform.bodies;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import ma.technopark.platform.problem.ProblemLanguage;
import ma.technopark.platform.problem.RouterProblems;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A service reads a JSON body whole on the event loop, before its endpoint runs on a worker thread. Quarkus REST
 * buffers a body on the event loop only for non-blocking endpoints; for a blocking one (every endpoint here: they
 * use JDBC) the worker read it through a blocking stream, waiting twice for the event loop to hand it the bytes
 * (the first bytes, then the end of the request). With the body on the routing context, Quarkus REST reads it from
 * memory: on bookings, sites-service's CPU per booking fell by a tenth (bench/FINDINGS.md, "Contention (4)", "a
 * request's body, read before the worker takes it").
 * <p>
 * Bodies are bounded by {@code technopark.http.max-body-bytes}: a declared length over it is refused before anything
 * is read ({@link RouterProblems}), a chunked body as soon as it passes it (until then only Quarkus' own 10 MiB
 * bound stopped one). Authentication is lazy in the services, so a body is now read before its token is checked
 * (an endpoint used to refuse a missing or bad token unread): the cost of a refused request is at most that bound,
 * and the gateway checks tokens at the edge before it forwards anything. Only in the services: the gateway streams
 * bodies through to them as they come.
 */
@ApplicationScoped
public class JsonBodies {
    /** After Quarkus' HTTP filters (CORS at -300, authentication at -200, permissions at -100), before any endpoint. */
    static final int ORDER = -99;

    private final long maxBodyBytes;
    private final BodyHandler whole;

    public JsonBodies(@ConfigProperty(name = "technopark.http.max-body-bytes", defaultValue = "1048576") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.whole = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void routes(@Observes Router router) {
        router.route().order(ORDER).handler(this::read).failureHandler(this::failed);
    }

    /**
     * HTTP/1.1 only: over HTTP/2 Quarkus REST pauses the request it is given, which Vert.x refuses once the stream
     * has ended, so an HTTP/2 body stays a stream. A request with an empty body ({@code Content-Length: 0}) or one
     * already ended has nothing to read, and Vert.x's reader waited for an end that never came (tried).
     */
    private void read(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.version() != HttpVersion.HTTP_2 && !request.isEnded() && !"0".equals(request.getHeader(HttpHeaders.CONTENT_LENGTH))
                && carriesJson(request)) {
            whole.handle(ctx);
        } else {
            ctx.next();
        }
    }

    /**
     * Past the bound: a 413 problem. A client that hung up before the end has no one to answer: not an error. The
     * route matches every request, so Vert.x asks this handler first about any failure; others go on to Quarkus'.
     */
    private void failed(RoutingContext ctx) {
        if (ctx.failure() instanceof HttpClosedException) {
            return;
        }
        if (ctx.statusCode() == 413) {
            RouterProblems.send(ctx, 413, "payload-too-large", "Payload too large",
                    ProblemLanguage.detail("too-large", RouterProblems.locale(ctx), Long.toString(maxBodyBytes)));
        } else {
            ctx.next();
        }
    }

    /** A write whose body is JSON ({@code application/json}, {@code application/merge-patch+json}, ...). */
    static boolean carriesJson(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        int end = type.indexOf(';');
        String media = (end < 0 ? type : type.substring(0, end)).trim().toLowerCase(java.util.Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }
}
