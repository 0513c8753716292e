package ma.technopark.platform.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import ma.technopark.platform.problem.ApiException;

/**
 * Cursor pagination over a stable order (UUIDv7 ids are time-ordered, so "by id" is "by creation time
 * then id"). The cursor is opaque to clients: the last id of the page, base64url-encoded.
 * Each page is a keyset query ({@code WHERE id > :after ORDER BY id LIMIT :limit + 1}): its cost does
 * not grow with the page number.
 */
public record PageRequest(int limit, UUID after) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(l, decode(cursor));
    }

    /** Turns {@code limit + 1} fetched rows into a page and the cursor of the next one. */
    public <T> Page<T> page(List<T> fetched, Function<T, UUID> id) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), encode(id.apply(items.get(items.size() - 1))));
    }

    public int fetchSize() {
        return limit + 1;
    }

    public static String encode(UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.toString().getBytes(StandardCharsets.UTF_8));
    }

    static UUID decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API returned");
        }
    }
}
