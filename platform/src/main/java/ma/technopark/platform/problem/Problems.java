package ma.technopark.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;

/** Builds problem responses, for JAX-RS and for plain Vert.x routes alike. */
public final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Problems() {
    }

    public static Problem problem(int status, String type, String title, String detail, String instance,
            List<Problem.FieldError> errors) {
        String uri = type.startsWith("http") ? type : Problem.TYPE_BASE + type;
        return new Problem(uri, title, status, detail, instance, errors);
    }

    public static Response response(int status, String type, String title, String detail, String instance,
            List<Problem.FieldError> errors) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(problem(status, type, title, detail, instance, errors)).build();
    }

    public static String json(int status, String type, String title, String detail, String instance) {
        return json(problem(status, type, title, detail, instance, List.of()));
    }

    public static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the failure comes from a database that cannot be reached (a 503, not a 500). */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.endsWith("JDBCConnectionException") || name.endsWith("AcquisitionTimeoutException")
                    || (t.getMessage() != null && t.getMessage().contains("Unable to acquire JDBC Connection"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Two requests at once, this one lost: an optimistic-lock failure (the row changed, or went, between this
     * transaction's read and its write) or a transaction PostgreSQL rolled back to break a deadlock or a
     * serialization conflict. Nothing was written; the request can be retried.
     */
    public static boolean isConcurrentChange(Throwable e) {
        for (Throwable t : chain(e)) {
            String name = t.getClass().getName();
            if (name.endsWith("OptimisticLockException") || name.endsWith("StaleObjectStateException")
                    || name.endsWith("StaleStateException")) {
                return true;
            }
            // SQLSTATE class 40, transaction rollback: a deadlock (40P01) or a serialization failure (40001) that
            // PostgreSQL broke by rolling this transaction back; the same answer, worth a retry
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value PostgreSQL refuses to store or compare (SQLSTATE class 22, data exception: a NUL character, a number or
     * a date out of range, an invalid text representation): the request's fault, not the service's.
     */
    public static boolean isRejectedValue(Throwable e) {
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A write refused because another row holds the same unique value (SQLSTATE 23505, unique violation): two
     * requests creating the same thing at once, the later one losing. Nothing was written, and a retry would fail
     * the same way: a 409, not a 500.
     */
    public static boolean isDuplicate(Throwable e) {
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The caller went away while the answer was being written (Vert.x's "Failed to write", a closed channel): nobody
     * is left to answer, and nothing failed here. A broken database connection is not this (it is a SQLException).
     */
    public static boolean isClientGone(Throwable e) {
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException) {
                return false;
            }
            if (t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof java.io.IOException && t.getMessage() != null && t.getMessage().contains("Failed to write")) {
                return true;
            }
        }
        return false;
    }

    /** The exception, its causes and the exceptions suppressed along the way (a failed commit suppresses the driver's). */
    static java.util.List<Throwable> chain(Throwable e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
        if (e != null) {
            todo.add(e);
        }
        while (!todo.isEmpty() && all.size() < 50) {
            Throwable t = todo.poll();
            if (all.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(java.util.List.of(t.getSuppressed()));
        }
        return all;
    }
}
