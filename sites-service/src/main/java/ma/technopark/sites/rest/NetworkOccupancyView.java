package ma.technopark.sites.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole network's occupancy today: the sum of its operational sites' occupancy. */
@Schema(name = "NetworkOccupancy", description = "Today's occupancy of every operational site, added up")
public record NetworkOccupancyView(
        LocalDate date,
        @Schema(description = "Operational sites counted") int sites,
        @Schema(description = "Sum of the declared hosting capacities, in startups; the sites that declare none are left"
                + " out (sitesWithoutHostingCapacity), so set it against startupsHostedAtSitesWithCapacity") int hostingCapacity,
        @Schema(description = "Operational sites that declare no hosting capacity (they host without a limit in startups)")
        int sitesWithoutHostingCapacity,
        @Schema(description = "Distinct startups holding an allocation today") int startupsHosted,
        @Schema(description = "Startups holding an allocation today at the sites that declare a capacity, counted at each"
                + " such site: the figure hostingCapacity bounds") int startupsHostedAtSitesWithCapacity,
        @Schema(description = "Seats in every space") int seats,
        @Schema(description = "Seats allocated today") int allocatedSeats,
        @Schema(description = "allocatedSeats / seats, 0 to 1", example = "0.62") BigDecimal rate,
        List<OccupancyView.ByType> byType,
        OccupancyView.Nomads nomads,
        @Schema(description = "Confirmed room bookings today") int bookings) {
}
