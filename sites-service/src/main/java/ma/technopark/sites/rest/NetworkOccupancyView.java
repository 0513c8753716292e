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
        @Schema(description = "Sum of the declared hosting capacities, in startups") int hostingCapacity,
        @Schema(description = "Distinct startups holding an allocation today") int startupsHosted,
        @Schema(description = "Seats in every space") int seats,
        @Schema(description = "Seats allocated today") int allocatedSeats,
        @Schema(description = "allocatedSeats / seats, 0 to 1", example = "0.62") BigDecimal rate,
        List<OccupancyView.ByType> byType,
        OccupancyView.Nomads nomads,
        @Schema(description = "Confirmed room bookings today") int bookings) {
}
