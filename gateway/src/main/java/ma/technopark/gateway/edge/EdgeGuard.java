package ma.technopark.gateway.edge;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.TreeSet;
import ma.technopark.gateway.config.GatewayConfig;
import ma.technopark.gateway.openapi.DocumentMerger;
import ma.technopark.gateway.openapi.MergedDocument;
import ma.technopark.gateway.openapi.RouteIndex;
import ma.technopark.platform.problem.ProblemLanguage;
import ma.technopark.platform.problem.RouterProblems;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the gateway decides before a request goes anywhere: which service owns it (from the merged document,
 * else from the route table), whether it is an operation of the document at all (404/405 at the edge otherwise),
 * whether its token is good (401 before any backend sees a bad one), and whether its client is within its rate
 * limit (429). The services still check roles and ownership themselves: the token is passed on as it came.
 */
@ApplicationScoped
public class EdgeGuard {
    /**
     * Where a request goes once it passed: a backend's name, or {@link DocumentMerger#GATEWAY}; and the operation's
     * path template ({@code /api/v1/sites/{id}}), or its first segment's ({@code /api/v1/sites/*}) while the owner's
     * document is not known: the {@code uri} of the request's metrics, one series per operation and not per id.
     */
    public record Verdict(String owner, String template) {
    }

    private final GatewayConfig config;
    private final MergedDocument document;
    private final RateLimiter limiter;
    private final JWTParser jwt;

    public EdgeGuard(GatewayConfig config, MergedDocument document, RateLimiter limiter, JWTParser jwt) {
        this.config = config;
        this.document = document;
        this.limiter = limiter;
        this.jwt = jwt;
    }

    /** The request's owner when it may pass; null when it has been answered here already. */
    public Verdict check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String method = ctx.request().method().name();
        Route route = route(method, path);
        if (route.refusal() != null) {
            Refusal refusal = route.refusal();
            if (refusal.allowed() != null) {
                ctx.response().putHeader(HttpHeaders.ALLOW, refusal.allowed());
                RouterProblems.send(ctx, 405, "method-not-allowed", "Method not allowed", ProblemLanguage.detail(
                        "method-allowed", RouterProblems.locale(ctx), method, refusal.allowed()));
            } else {
                RouterProblems.send(ctx, 404, "not-found", "Not found",
                        ProblemLanguage.detail("no-resource", RouterProblems.locale(ctx), path));
            }
            return null;
        }
        Admission admission = admit(route, method, path, ctx.request().getHeader(HttpHeaders.AUTHORIZATION),
                ctx.request().remoteAddress().host());
        if (admission.passed()) {
            return route.verdict();
        }
        if (admission.unauthorized() != null) {
            unauthorized(ctx, admission.unauthorized());
        } else {
            RateLimiter.Decision decision = admission.limit();
            ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            RouterProblems.send(ctx, 429, "too-many-requests", "Too many requests", ProblemLanguage.detail("rate-limited",
                    RouterProblems.locale(ctx), decision.group(), Long.toString(decision.retryAfterSeconds())));
        }
        return null;
    }

    /** What the token and the rate limit say: the key of a 401's detail, or the rate limiter's decision. */
    public record Admission(String unauthorized, RateLimiter.Decision limit) {
        public boolean passed() {
            return unauthorized == null && limit.allowed();
        }
    }

    /** Why the edge refuses a request before its token is looked at: no such operation (404), or not this method (405). */
    public record Refusal(String allowed) {
    }

    /** Which operation a request is for ({@code verdict}), or why there is none ({@code refusal}); what its token must be. */
    public record Route(Verdict verdict, Boolean secured, Refusal refusal) {
    }

    /** The first half of {@link #check}: the operation, from the merged document (else the route table). */
    public Route route(String method, String path) {
        String segment = RouteIndex.segment(path);
        MergedDocument.Snapshot snapshot = document.current();
        RouteIndex.Match match = snapshot.index().match(method, path);
        if (match.found()) {
            return new Route(new Verdict(match.operation().owner(), match.operation().template()),
                    match.operation().secured(), null);
        }
        String owner = snapshot.index().ownerOfSegment(segment);
        if (owner == null) {
            owner = config.routes().get(segment);
        }
        if (owner == null) {
            return new Route(null, null, new Refusal(null));
        }
        if (config.edge().inventory() && (DocumentMerger.GATEWAY.equals(owner) || snapshot.knows(owner))) {
            return new Route(null, null, new Refusal(match.pathKnown() ? String.join(", ", new TreeSet<>(match.allowed())) : null));
        }
        // the owner's document is not known yet: the owner decides what its token must be
        return new Route(new Verdict(owner, RouteIndex.PREFIX + segment + "/*"), null, null);
    }

    /**
     * The second half of {@link #check}: whether the request's token and its client's rate limit let it through (a
     * token is taken from the client's bucket when they do).
     */
    public Admission admit(Route route, String method, String path, String authorization, String remoteHost) {
        String subject = null;
        if (config.edge().authentication()) {
            if (authorization != null) {
                if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    return new Admission("bearer-only", null);
                }
                try {
                    JsonWebToken token = jwt.parse(authorization.substring(7).trim());
                    subject = token.getSubject() != null ? token.getSubject() : token.getName();
                } catch (ParseException | RuntimeException e) {
                    return new Admission("token-invalid", null);
                }
            } else if (Boolean.TRUE.equals(route.secured())) {
                return new Admission("token-needed", null);
            }
        }
        String client = subject != null ? "sub:" + subject : "ip:" + remoteHost;
        return new Admission(null, limiter.acquire(client, path, method.toUpperCase(Locale.ROOT)));
    }

    private static void unauthorized(RoutingContext ctx, String detailKey) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        RouterProblems.send(ctx, 401, "unauthorized", "Unauthorized", ProblemLanguage.detail(detailKey, RouterProblems.locale(ctx)));
    }
}
