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
        String segment = RouteIndex.segment(path);
        MergedDocument.Snapshot snapshot = document.current();
        RouteIndex.Match match = snapshot.index().match(method, path);
        String owner;
        Boolean secured;
        String template;
        if (match.found()) {
            owner = match.operation().owner();
            secured = match.operation().secured();
            template = match.operation().template();
        } else {
            template = RouteIndex.PREFIX + segment + "/*";
            owner = snapshot.index().ownerOfSegment(segment);
            if (owner == null) {
                owner = config.routes().get(segment);
            }
            if (owner == null) {
                RouterProblems.send(ctx, 404, "not-found", "Not found",
                        ProblemLanguage.detail("no-resource", RouterProblems.locale(ctx), path));
                return null;
            }
            if (config.edge().inventory() && (DocumentMerger.GATEWAY.equals(owner) || snapshot.knows(owner))) {
                if (match.pathKnown()) {
                    ctx.response().putHeader(HttpHeaders.ALLOW, String.join(", ", new TreeSet<>(match.allowed())));
                    RouterProblems.send(ctx, 405, "method-not-allowed", "Method not allowed", ProblemLanguage.detail(
                            "method-allowed", RouterProblems.locale(ctx), method, String.join(", ", new TreeSet<>(match.allowed()))));
                } else {
                    RouterProblems.send(ctx, 404, "not-found", "Not found",
                            ProblemLanguage.detail("no-resource", RouterProblems.locale(ctx), path));
                }
                return null;
            }
            secured = null; // the owner's document is not known yet: the owner decides
        }

        String subject = null;
        if (config.edge().authentication()) {
            String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null) {
                if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    unauthorized(ctx, "bearer-only");
                    return null;
                }
                try {
                    JsonWebToken token = jwt.parse(authorization.substring(7).trim());
                    subject = token.getSubject() != null ? token.getSubject() : token.getName();
                } catch (ParseException | RuntimeException e) {
                    unauthorized(ctx, "token-invalid");
                    return null;
                }
            } else if (Boolean.TRUE.equals(secured)) {
                unauthorized(ctx, "token-needed");
                return null;
            }
        }

        String client = subject != null ? "sub:" + subject : "ip:" + ctx.request().remoteAddress().host();
        RateLimiter.Decision decision = limiter.acquire(client, path, method.toUpperCase(Locale.ROOT));
        if (!decision.allowed()) {
            ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            RouterProblems.send(ctx, 429, "too-many-requests", "Too many requests", ProblemLanguage.detail("rate-limited",
                    RouterProblems.locale(ctx), decision.group(), Long.toString(decision.retryAfterSeconds())));
            return null;
        }
        return new Verdict(owner, template);
    }

    private static void unauthorized(RoutingContext ctx, String detailKey) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        RouterProblems.send(ctx, 401, "unauthorized", "Unauthorized", ProblemLanguage.detail(detailKey, RouterProblems.locale(ctx)));
    }
}
