package ma.technopark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Requests sent at once, from threads released together, for the races a uniqueness or a capacity must decide. */
public final class AtOnce {
    private AtOnce() {
    }

    /** Sends {@code count} requests at once ({@code request} makes the i-th) and returns their answers in order. */
    public static List<Response> send(int count, IntFunction<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return request.apply(n);
                }));
            }
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Asserts that one of {@code responses} created (201) and every other was refused with a 409 of problem type
     * {@code type} naming {@code field}: the race's losers are told which value is taken, never a 500.
     */
    public static void assertOneCreatedOthersConflict(List<Response> responses, String type, String field) {
        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(responses.size() - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        for (Response r : responses) {
            if (r.statusCode() == 409) {
                assertEquals("application/problem+json", r.contentType().split(";")[0].trim(), r.asString());
                String problemType = r.path("type");
                assertEquals(type, problemType.substring(problemType.lastIndexOf('/') + 1), r.asString());
                List<String> fields = r.path("errors.field");
                assertEquals(List.of(field), fields, r.asString());
            }
        }
    }
}
