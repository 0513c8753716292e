package ma.technopark.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Caller;

/**
 * Safe retries of creating POSTs. The key row is inserted in the same transaction as the creation, so
 * a concurrent retry waits on it and then replays; the same key with another body is a 422; keys are
 * scoped to the caller and the operation and kept 24 hours. A request that fails (4xx) stores nothing,
 * so it can be corrected and retried with the same key.
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** How long a key is kept: an older one is taken afresh, and the outbox relay's housekeeping deletes it. */
    public static final Duration KEPT = Duration.ofHours(24);

    private final EntityManager em;
    private final ObjectMapper json;
    private final Caller caller;

    public IdempotencyKeys(EntityManager em, ObjectMapper json, Caller caller) {
        this.em = em;
        this.json = json;
        this.caller = caller;
    }

    /**
     * Runs {@code create} once per key.
     *
     * @param key       the Idempotency-Key header (null: no idempotency, just run)
     * @param operation names the operation, e.g. {@code POST /api/v1/sites}
     * @param request   the request body, compared by hash with the first request's
     */
    @Transactional
    public Response once(String key, String operation, Object request, Supplier<Response> create) {
        if (key == null) {
            return create.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.invalid(HEADER, "must be 1 to 255 characters");
        }
        String scope = caller.subject() + " " + operation;
        String hash = hash(request);
        int inserted = em.createNativeQuery("INSERT INTO idempotency_key (scope, key, request_hash, status) VALUES (?1, ?2, ?3, 0)"
                        + " ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0,"
                        + " body = NULL, location = NULL, created_at = now()"
                        + " WHERE idempotency_key.created_at < now() - make_interval(secs => ?4)")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash).setParameter(4, (double) KEPT.toSeconds())
                .executeUpdate();
        if (inserted == 0) {
            return replay(scope, key, hash);
        }
        Response response = create.get();
        String body = serialise(response.getEntity());
        URI location = response.getLocation();
        em.createNativeQuery("UPDATE idempotency_key SET status = ?1, body = ?2, location = ?3 WHERE scope = ?4 AND key = ?5")
                .setParameter(1, response.getStatus()).setParameter(2, body)
                .setParameter(3, location == null ? null : location.toString())
                .setParameter(4, scope).setParameter(5, key).executeUpdate();
        return response;
    }

    private Response replay(String scope, String key, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, status, body, location FROM idempotency_key"
                        + " WHERE scope = ?1 AND key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used with a different request body; use a new key for a new request");
        }
        int status = ((Number) row[1]).intValue();
        if (status == 0) {
            throw ApiException.conflict("idempotency-key-in-use", "A request with this Idempotency-Key is in progress");
        }
        Response.ResponseBuilder replay = Response.status(status).header(REPLAYED, "true");
        if (row[2] != null) {
            replay.entity(row[2]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (row[3] != null) {
            replay.location(URI.create((String) row[3]));
        }
        return replay.build();
    }

    private String serialise(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            return entity instanceof String s ? s : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hash(Object request) {
        try {
            byte[] canonical = json.writeValueAsBytes(json.valueToTree(request));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
