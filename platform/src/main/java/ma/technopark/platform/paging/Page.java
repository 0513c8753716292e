package ma.technopark.platform.paging;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a list: {@code {"items": [...], "next": "<cursor or null>"}}. */
public record Page<T>(
        List<T> items,
        @Schema(description = "Cursor of the next page, or null on the last page", nullable = true) String next) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }
}
