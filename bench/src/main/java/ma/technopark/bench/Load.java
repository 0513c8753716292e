package ma.technopark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Load generators: wrk for saturation, a JDK open-loop client for fixed rates, closed-loop workers, pgbench. */
final class Load {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Load() {
    }

    // ---------------------------------------------------------------- plain calls

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest get(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    static HttpRequest post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** POSTs and answers the created resource's JSON; fails on anything but 2xx. */
    static JsonNode create(String url, String token, String json) {
        HttpResponse<String> r = send(post(url, token, json));
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " -> " + r.statusCode() + ": " + r.body());
        }
        return json(r.body());
    }

    static JsonNode json(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    // ---------------------------------------------------------------- wrk (closed loop, saturation)

    record Wrk(double rps, long non2xx, String raw) {
        /** The requests wrk completed (its "N requests in T" line). */
        long requests() {
            Matcher m = Pattern.compile("([0-9]+) requests in").matcher(raw);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }

    static Wrk wrk(String url, String token, int connections, Duration duration) {
        return wrk(url, token, connections, duration, null);
    }

    /** wrk with a Lua script that makes each request ({@code -s}), e.g. a POST with a body of its own. */
    static Wrk wrk(String url, String token, int connections, Duration duration, java.nio.file.Path script) {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "--latency"));
        if (script != null) {
            cmd.add("-s");
            cmd.add(script.toString());
        }
        if (token != null) {
            cmd.add("-H");
            cmd.add("Authorization: Bearer " + token);
        }
        cmd.add(url);
        String out = Processes.run(duration.plusSeconds(30), null, cmd);
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rps.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)").matcher(out);
        Matcher errors = Pattern.compile("Socket errors:.*?timeout ([0-9]+)").matcher(out);
        long bad = (non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0) + (errors.find() ? Long.parseLong(errors.group(1)) : 0);
        return new Wrk(Double.parseDouble(rps.group(1)), bad, "$ " + String.join(" ", cmd).replace(token == null ? "\u0000" : token, "<token>") + "\n" + out);
    }

    // ---------------------------------------------------------------- latencies

    /** Latencies in microseconds, measured from when each request was due, so that queueing is not hidden. */
    record Latencies(Histogram histogram, long sent, long failed, Map<Integer, Long> statuses) {
        double p(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        String raw(String label) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            out.printf("%s: %d requests, %d failed, statuses %s; latency in ms (HdrHistogram percentile distribution):%n",
                    label, sent, failed, statuses);
            histogram.outputPercentileDistribution(out, 5, 1000.0);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- closed loop workers

    interface Call {
        /** One request of worker {@code worker}, its {@code n}th: answers the HTTP status. */
        int call(int worker, int n) throws Exception;
    }

    /** {@code workers} threads calling as fast as answers come, until the deadline or {@code perWorker} calls each. */
    static Latencies closedLoop(int workers, Duration duration, int perWorker, Call call) {
        ConcurrentHistogram histogram = new ConcurrentHistogram(120_000_000L, 3);
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        CountDownLatch done = new CountDownLatch(workers);
        java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(workers);
        long[] deadline = new long[1];
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    synchronized (deadline) {
                        if (deadline[0] == 0) {
                            deadline[0] = System.nanoTime() + duration.toNanos();
                        }
                    }
                    for (int n = 0; n < perWorker && System.nanoTime() < deadline[0]; n++) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = call.call(worker, n);
                        } catch (Exception e) {
                            status = -1;
                        }
                        histogram.recordValue((System.nanoTime() - t0) / 1000);
                        sent.incrementAndGet();
                        statuses.merge(status, 1L, Long::sum);
                        if (status < 0 || status >= 500) {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }, "load-" + w);
            t.start();
        }
        await(done);
        return new Latencies(histogram, sent.get(), failed.get(), new java.util.TreeMap<>(statuses));
    }

    // ---------------------------------------------------------------- helpers

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String f(double value) {
        return value >= 100 ? String.format("%,.0f", value) : value >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("load did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
