package ma.technopark.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The fixed-rate GET client: requests leave at their due times whatever the earlier ones are doing, over a
 * bounded pool of keep-alive connections (Vert.x, one event loop); a request that waits for a connection waits
 * on the clock, since its latency counts from its due time (no coordinated omission).
 */
final class OpenLoop implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClient client;
    private volatile String timeline = "";

    OpenLoop(int connections) {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(connections)
                .setMaxWaitQueueSize(-1).setConnectTimeout(5000));
    }

    Load.Latencies get(String url, String token, int rate, Duration duration) {
        return send(HttpMethod.GET, url, token, null, rate, duration);
    }

    /** POSTs of JSON bodies, the {@code i}th request's body from {@code body}. */
    Load.Latencies post(String url, String token, java.util.function.IntFunction<String> body, int rate, Duration duration) {
        return send(HttpMethod.POST, url, token, body, rate, duration);
    }

    /**
     * A race: {@code clients} POSTs sent at once, one per connection, each client sending its next attempt when its
     * previous one is answered ({@code attempts} each); latency from each request's sending. The client is
     * asynchronous, so that 64 clients cost the shared cores little besides the requests themselves (64 threads of
     * the JDK's client took a third of the machine's CPU in a race).
     */
    Load.Latencies race(String url, String token, int clients, int attempts,
            java.util.function.BiFunction<Integer, Integer, String> body) {
        RequestOptions options = options(HttpMethod.POST, url, token);
        ConcurrentHistogram histogram = new ConcurrentHistogram(120_000_000L, 3);
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients * attempts);
        for (int c = 0; c < clients; c++) {
            attempt(options, c, 0, attempts, body, histogram, statuses, failed, done);
        }
        Load.await(done);
        return new Load.Latencies(histogram, clients * attempts, failed.get(), new TreeMap<>(statuses));
    }

    private void attempt(RequestOptions options, int clientIndex, int attempt, int attempts,
            java.util.function.BiFunction<Integer, Integer, String> body, ConcurrentHistogram histogram, Map<Integer, Long> statuses,
            AtomicLong failed, CountDownLatch done) {
        String json = body.apply(clientIndex, attempt);
        long sent = System.nanoTime();
        client.request(options).compose(request -> {
            request.putHeader("Content-Type", "application/json");
            return request.send(json);
        }).compose(response -> response.body().map(b -> response.statusCode())).onComplete(result -> {
            histogram.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
            int status = result.succeeded() ? result.result() : -1;
            statuses.merge(status, 1L, Long::sum);
            if (status < 0 || status >= 500) {
                failed.incrementAndGet();
            }
            done.countDown();
            if (attempt + 1 < attempts) {
                attempt(options, clientIndex, attempt + 1, attempts, body, histogram, statuses, failed, done);
            }
        });
    }

    private static RequestOptions options(HttpMethod method, String url, String token) {
        URI uri = URI.create(url);
        RequestOptions options = new RequestOptions().setMethod(method).setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .setTimeout(30_000);
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        return options;
    }

    private Load.Latencies send(HttpMethod method, String url, String token, java.util.function.IntFunction<String> body, int rate,
            Duration duration) {
        RequestOptions options = options(method, url, token);
        ConcurrentHistogram histogram = new ConcurrentHistogram(120_000_000L, 3);
        // the same latencies by the second their requests were due: tells a stall (a few seconds far out) from a
        // slow service (every second alike)
        ConcurrentHistogram[] bySecond = new ConcurrentHistogram[(int) Math.max(1, (duration.toMillis() + 999) / 1000)];
        for (int s = 0; s < bySecond.length; s++) {
            bySecond[s] = new ConcurrentHistogram(120_000_000L, 2);
        }
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong failed = new AtomicLong();
        int total = (int) (rate * duration.toMillis() / 1000);
        CountDownLatch done = new CountDownLatch(total);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        java.time.LocalTime began = java.time.LocalTime.now().plusNanos(10_000_000L);
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            ConcurrentHistogram second = bySecond[(int) Math.min(bySecond.length - 1, (due - start) / 1_000_000_000L)];
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String json = body == null ? null : body.apply(i);
            client.request(options).compose(request -> {
                if (json == null) {
                    return request.send();
                }
                request.putHeader("Content-Type", "application/json");
                return request.send(json);
            }).compose(response -> response.body().map(b -> response.statusCode()))
                    .onComplete(result -> {
                        long micros = Math.max(0, (System.nanoTime() - due) / 1000);
                        histogram.recordValue(micros);
                        second.recordValue(micros);
                        int status = result.succeeded() ? result.result() : -1;
                        statuses.merge(status, 1L, Long::sum);
                        if (status < 200 || (status >= 300 && status != 304)) {
                            failed.incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        Load.await(done);
        StringBuilder t = new StringBuilder("latency by the second the requests were due (ms; the first second began at " + began
                + ", to line up with other recordings such as the disk's syncs):\n second  requests      p50      p99      max\n");
        for (int s = 0; s < bySecond.length; s++) {
            ConcurrentHistogram h = bySecond[s];
            t.append(String.format("%7d %9d %8.1f %8.1f %8.1f%n", s + 1, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
        }
        timeline = t.toString();
        return new Load.Latencies(histogram, total, failed.get(), new TreeMap<>(statuses));
    }

    /** The last run's latencies second by second (by due time). */
    String timeline() {
        return timeline;
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
