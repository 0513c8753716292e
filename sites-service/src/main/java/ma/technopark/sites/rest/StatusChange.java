package ma.technopark.sites.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ma.technopark.sites.SiteStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SiteStatusChange")
public record StatusChange(
        @NotNull @Schema(example = "OPERATIONAL") SiteStatus status,
        @Size(max = 500) @Schema(example = "Inaugurated") String reason) {
}
