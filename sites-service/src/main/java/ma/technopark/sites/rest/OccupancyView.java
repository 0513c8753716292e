package ma.technopark.sites.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A site's occupancy on one day, computed from its allocations, passes, visits and bookings. */
@Schema(name = "Occupancy")
public record OccupancyView(
        UUID siteId,
        LocalDate date,
        @Schema(description = "Capacity in startups (null when the site declares none)") Integer hostingCapacity,
        int startupsHosted,
        List<ByType> byType,
        Nomads nomads,
        @Schema(description = "Confirmed room bookings that day") int bookings) {

    @Schema(name = "OccupancyByType")
    public record ByType(String type, int spaces, int seats, int allocatedSeats,
            @Schema(description = "allocatedSeats / seats, 0 to 1", example = "0.75") BigDecimal rate) {
    }

    @Schema(name = "NomadOccupancy")
    public record Nomads(Integer seats, int passesValid, @Schema(description = "Only for today") Integer presentNow) {
    }
}
