package ma.technopark.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every 4xx and 5xx. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "URI naming the kind of problem", example = "https://technopark.ma/problems/validation")
        String type,
        @Schema(description = "Short summary of the kind of problem", example = "Invalid request")
        String title,
        @Schema(description = "HTTP status", example = "400")
        int status,
        @Schema(description = "What went wrong with this request", example = "capacity: must be greater than or equal to 0")
        String detail,
        @Schema(description = "The request path", example = "/api/v1/sites")
        String instance,
        @Schema(description = "Per-field validation errors")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://technopark.ma/problems/";

    /** One invalid field. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(example = "capacity") String field,
            @Schema(example = "must be greater than or equal to 0") String message) {
    }
}
