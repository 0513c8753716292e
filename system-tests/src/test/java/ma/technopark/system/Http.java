package ma.technopark.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** A plain HTTP client for the suite's many requests: one shared JDK client, a fixed number of callers. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A request and its answer. */
    record Exchange(String method, String path, int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Http() {
    }

    static HttpRequest.Builder request(String baseUri, String method, String path, String token, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static Exchange send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Exchange(request.method(), request.uri().getRawPath() + (request.uri().getRawQuery() == null ? ""
                    : "?" + request.uri().getRawQuery()), r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            return new Exchange(request.method(), request.uri().getRawPath(), -1, "", e.toString(),
                    java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Exchange send(String baseUri, String method, String path, String token, String jsonBody) {
        return send(request(baseUri, method, path, token, jsonBody).build());
    }

    /**
     * Runs {@code count} calls with {@code callers} at a time; {@code call} makes call number i (it may send several
     * requests) and answers its exchanges. Answers how many exchanges ended with each status.
     */
    static Map<Integer, AtomicLong> parallel(int count, int callers, IntFunction<List<Exchange>> call, List<Exchange> failures) {
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    for (Exchange e : call.apply(n)) {
                        statuses.computeIfAbsent(e.status(), k -> new AtomicLong()).incrementAndGet();
                        if (e.status() < 200 || e.status() >= 300) {
                            synchronized (failures) {
                                if (failures.size() < 20) {
                                    failures.add(e);
                                }
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return statuses;
    }
}
