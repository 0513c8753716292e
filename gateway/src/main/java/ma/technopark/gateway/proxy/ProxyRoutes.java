package ma.technopark.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import ma.technopark.gateway.config.GatewayConfig;
import ma.technopark.platform.problem.Problem;
import ma.technopark.platform.problem.Problems;
import org.jboss.logging.Logger;

/**
 * Routes every {@code /api/v1/<segment>/...} request to the backend that owns {@code <segment>}, with
 * Vert.x's reverse proxy: keep-alive connections, bodies streamed both ways, headers (the bearer token,
 * X-Request-Id, traceparent) passed on. A backend that does not answer in time is a 503 problem.
 */
@ApplicationScoped
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    private static final String PREFIX = "/api/v1/";

    private final GatewayConfig config;
    private final Map<String, HttpProxy> proxies = new HashMap<>();

    public ProxyRoutes(GatewayConfig config) {
        this.config = config;
    }

    void routes(@Observes Router router, Vertx vertx) {
        config.backends().forEach((name, backend) -> proxies.put(name, proxy(vertx, name, backend)));
        router.route(PREFIX + "*").order(-10).handler(this::route);
    }

    private void route(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        String backend = config.routes().get(segment);
        HttpProxy proxy = backend == null ? null : proxies.get(backend);
        if (proxy == null) {
            ctx.next(); // the gateway's own operations, or a problem+json 404
            return;
        }
        proxy.handle(ctx.request());
    }

    private HttpProxy proxy(Vertx vertx, String name, GatewayConfig.Backend backend) {
        URI uri = URI.create(backend.url());
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(64)
                .setConnectTimeout((int) backend.connectTimeout().toMillis()));
        long timeout = backend.timeout().toMillis();
        HttpProxy proxy = HttpProxy.reverseProxy(client).originRequestProvider((HttpServerRequest request, HttpClient c) ->
                c.request(new RequestOptions().setHost(uri.getHost()).setPort(port).setIdleTimeout(timeout)));
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                return context.sendRequest().recover(failure -> {
                    LOG.debugf("%s did not answer %s: %s", name, context.request().getURI(), failure.toString());
                    return Future.succeededFuture(unavailable(context, name));
                });
            }
        });
        return proxy;
    }

    private static ProxyResponse unavailable(ProxyContext context, String backend) {
        String path = context.request().getURI();
        String json = Problems.json(503, "unavailable", "Service unavailable",
                "The " + backend + " service is not answering; retry later", path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        ProxyResponse response = context.request().response();
        response.setStatusCode(503).setStatusMessage("Service Unavailable");
        response.headers().clear();
        response.putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Retry-After", "5");
        response.setBody(Body.body(Buffer.buffer(json)));
        return response;
    }
}
