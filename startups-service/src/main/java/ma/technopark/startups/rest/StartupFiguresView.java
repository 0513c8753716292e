package ma.technopark.startups.rest;

import java.util.Map;
import ma.technopark.platform.types.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Figures computed from the records, network-wide or for one site. */
@Schema(name = "StartupFigures")
public record StartupFiguresView(
        @Schema(description = "Site code, or null for the whole network") String siteCode,
        @Schema(description = "Distinct startups that have ever had a residency") long startupsAccompanied,
        @Schema(description = "Residencies admitted or running now") long currentResidents,
        @Schema(description = "Registered beneficiaries by kind") Map<String, Long> beneficiariesByKind,
        @Schema(description = "The last complete calendar year") int revenueYear,
        @Schema(description = "Sum of the KPI reports' revenue over that year") Money revenue,
        @Schema(description = "Sum of each startup's latest reported headcount") long employees) {
}
