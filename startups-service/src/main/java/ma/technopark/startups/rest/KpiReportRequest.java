package ma.technopark.startups.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import ma.technopark.platform.types.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "KpiReportRequest")
public record KpiReportRequest(
        @NotNull @Min(2000) @Max(2100) @Schema(example = "2026") Integer year,
        @NotNull @Min(1) @Max(4) @Schema(example = "3") Integer quarter,
        @NotNull @Valid Money revenue,
        @NotNull @PositiveOrZero @Max(1_000_000) @Schema(example = "12") Integer employees,
        @NotNull @Valid Money fundsRaised,
        @NotNull @PositiveOrZero @Schema(example = "140") Integer customers) {
}
