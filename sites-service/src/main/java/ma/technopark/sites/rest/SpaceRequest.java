package ma.technopark.sites.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import ma.technopark.sites.SpaceType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SpaceRequest")
public record SpaceRequest(
        @NotBlank @Size(max = 120) @Schema(example = "Salle de formation A") String name,
        @NotNull @Schema(example = "TRAINING_ROOM") SpaceType type,
        @NotNull @PositiveOrZero @Max(10_000) @Schema(example = "24") Integer seats,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") @Schema(example = "60.5") BigDecimal areaM2,
        @Schema(description = "Can be booked by the hour (rooms)") Boolean bookable,
        @Schema(description = "Can be allocated long-term to startups (seats, offices)") Boolean allocatable,
        @Size(max = 30) List<@NotBlank @Size(max = 60) String> amenities) {
}
