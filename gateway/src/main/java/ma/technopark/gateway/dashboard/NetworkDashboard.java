package ma.technopark.gateway.dashboard;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import ma.technopark.platform.types.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The network's figures in one answer, each drawn from the service that owns it. */
@Schema(name = "NetworkDashboard", description = "The network's figures from the three services; a part whose service "
        + "did not answer is null and named in missing")
public record NetworkDashboard(
        OffsetDateTime asOf,
        @Schema(description = "True when every part came back") boolean complete,
        @Schema(description = "The parts that could not be drawn, and why") List<MissingPart> missing,
        @Schema(description = "From sites-service: GET /api/v1/network/coverage") Sites sites,
        @Schema(description = "From sites-service: GET /api/v1/network/occupancy") Occupancy occupancy,
        @Schema(description = "From startups-service: GET /api/v1/startup-figures") Startups startups,
        @Schema(description = "From programs-service: GET /api/v1/beneficiary-figures") Beneficiaries beneficiaries) {

    @Schema(name = "DashboardMissingPart")
    public record MissingPart(@Schema(example = "startups") String part, @Schema(example = "startups-service") String service,
            @Schema(example = "startups-service did not answer") String detail) {
    }

    @Schema(name = "DashboardSites")
    public record Sites(@Schema(description = "Operational sites") int operational,
            @Schema(description = "Planned or under construction") int planned,
            Reach cities, Reach regions, @Schema(example = "2026") int targetYear) {
    }

    @Schema(name = "DashboardReach", description = "Cities or regions with an operational site, against the target")
    public record Reach(@Schema(example = "8") int count, @Schema(example = "10") int target, @Schema(example = "2") int gap,
            @Schema(description = "Once every planned site opens") int countIncludingPlanned) {
    }

    @Schema(name = "DashboardOccupancy")
    public record Occupancy(
            @Schema(description = "Sum of the capacities in startups the sites declare") int hostingCapacity,
            @Schema(description = "Operational sites that declare none (null when sites-service does not say)")
            Integer sitesWithoutHostingCapacity,
            int startupsHosted,
            @Schema(description = "Startups hosted at the sites that declare a capacity: the figure to set against"
                    + " hostingCapacity (null when sites-service does not say)") Integer startupsHostedAtSitesWithCapacity,
            int seats, int allocatedSeats, @Schema(example = "0.62") BigDecimal rate, int nomadsPresent, int bookingsToday) {
    }

    @Schema(name = "DashboardStartups")
    public record Startups(@Schema(description = "Distinct startups that have had a residency") long accompanied,
            @Schema(description = "Residencies admitted or running now") long residents,
            @Schema(example = "2025") int revenueYear, Money revenue,
            @Schema(description = "Sum of each startup's latest reported headcount") long jobs) {
    }

    @Schema(name = "DashboardBeneficiaries")
    public record Beneficiaries(@Schema(example = "1312") long count, @Schema(example = "1300") Integer target,
            @Schema(description = "count / target, when there is a target", example = "1.0092") BigDecimal progress) {
    }
}
