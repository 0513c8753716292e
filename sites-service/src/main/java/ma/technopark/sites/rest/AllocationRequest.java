package ma.technopark.sites.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AllocationRequest")
public record AllocationRequest(
        @NotNull UUID siteId,
        @Schema(description = "A space of the site; when absent, the first allocatable space with room is taken") UUID spaceId,
        @NotNull UUID startupId,
        @NotNull @Positive @Max(500) @Schema(example = "4") Integer seats,
        @NotNull @Schema(example = "2026-12-01") LocalDate startDate,
        @Schema(description = "Exclusive; absent for an open-ended allocation", example = "2027-12-01") LocalDate endDate,
        @Schema(description = "When the site is full, join its waitlist (202) instead of a 409") Boolean waitlistIfFull) {
}
