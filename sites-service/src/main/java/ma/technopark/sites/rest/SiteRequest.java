package ma.technopark.sites.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import ma.technopark.platform.types.LocalizedText;
import ma.technopark.platform.types.Money;
import ma.technopark.sites.Region;
import ma.technopark.sites.SiteKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A site as an admin registers or replaces it. Its status changes only through the status action. */
@Schema(name = "SiteRequest")
public record SiteRequest(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{1,15}", message = "must be 2 to 16 capital letters, digits or dashes")
        @Schema(example = "ESS") String code,
        @NotNull @Valid LocalizedText name,
        @NotBlank @Size(max = 100) @Schema(example = "Essaouira") String city,
        @NotNull @Schema(example = "MARRAKECH_SAFI") Region region,
        @NotNull @Schema(example = "TECHNOPARK") SiteKind kind,
        @Schema(example = "2023-11-24") LocalDate inaugurationDate,
        @Valid Money investment,
        @PositiveOrZero @Max(100_000) @Schema(description = "Startups the site can host", example = "70")
        Integer hostingCapacity,
        @Size(max = 300) String address,
        @Valid Coordinates coordinates,
        @Schema(description = "Whether the site offers digital-nomad passes") Boolean digitalNomadOffer,
        @PositiveOrZero @Max(10_000) @Schema(description = "Digital-nomad seats per day", example = "20") Integer nomadSeats,
        @Size(max = 40) @Schema(description = "For a planned site: when it is expected to open", example = "2024-2025")
        String expectedOpening) {

    /** WGS 84 coordinates. */
    @Schema(name = "Coordinates")
    public record Coordinates(
            @NotNull @DecimalMin("-90") @DecimalMax("90") @Schema(example = "31.5085") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") @Schema(example = "-9.7595") Double longitude) {
    }
}
