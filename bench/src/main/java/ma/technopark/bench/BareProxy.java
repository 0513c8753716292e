package ma.technopark.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.httpproxy.HttpProxy;

/**
 * A second comparator for the gateway: Vert.x's reverse proxy (the library the gateway forwards with) alone in its
 * own JVM, with no framework around it (no routing, edge checks, metrics, tracing, CORS or request ids), on as many
 * event loops as the gateway. What it reaches is the floor any JVM gateway built on it would pay on this machine.
 * Run as its own process: {@code java -cp ... BareProxy LISTEN_PORT BACKEND_PORT}.
 */
public final class BareProxy {
    private BareProxy() {
    }

    public static void main(String[] args) {
        int listen = Integer.parseInt(args[0]);
        int backend = Integer.parseInt(args[1]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2 * Runtime.getRuntime().availableProcessors()));
        var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64));
        HttpProxy proxy = HttpProxy.reverseProxy(client).origin(backend, "localhost");
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            vertx.createHttpServer(new HttpServerOptions().setPort(listen).setHost("127.0.0.1")).requestHandler(proxy).listen();
        }
        System.out.println("bare proxy on " + listen + " -> " + backend);
    }
}
