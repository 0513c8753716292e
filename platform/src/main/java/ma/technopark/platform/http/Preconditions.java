package ma.technopark.platform.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import ma.technopark.platform.problem.ApiException;

/**
 * Optimistic concurrency over HTTP: a resource's {@code ETag} is its version; updates must send
 * {@code If-Match} (428 without it, 412 when stale); a conditional GET with a current
 * {@code If-None-Match} is a 304.
 */
public final class Preconditions {
    private Preconditions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** 200 with the ETag, or 304 when the client's copy is current. */
    public static Response conditionalGet(Request request, long version, Object view) {
        EntityTag tag = etag(version);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        return Response.ok(view).tag(tag).build();
    }

    /**
     * The version the client says it is updating. The service compares it with the stored version
     * inside its transaction (see {@link #check(long, long)}).
     */
    public static long requireIfMatch(HttpHeaders headers) {
        String value = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (value == null || value.isBlank()) {
            throw new ApiException(428, "precondition-required", "Precondition required",
                    "Send If-Match with the ETag of the version you are updating");
        }
        String tag = value.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw stale();
        }
    }

    public static void check(long expected, long actual) {
        if (expected != actual) {
            throw stale();
        }
    }

    private static ApiException stale() {
        return new ApiException(412, "precondition-failed", "Precondition failed",
                "The resource changed since you read it; GET it again and retry with its new ETag");
    }
}
