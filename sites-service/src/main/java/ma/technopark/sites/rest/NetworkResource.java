package ma.technopark.sites.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ma.technopark.sites.service.CoverageService;
import ma.technopark.sites.service.OccupancyService;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/network")
@Tag(name = "Network", description = "The network's reach")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    private final CoverageService coverage;
    private final OccupancyService occupancy;

    public NetworkResource(CoverageService coverage, OccupancyService occupancy) {
        this.coverage = coverage;
        this.occupancy = occupancy;
    }

    @GET
    @Path("/coverage")
    @PermitAll
    @Operation(summary = "Network coverage", description = "Public. Operational cities and regions against the targets "
            + "(configurable, default 10 cities and 7 regions by 2026), and the planned sites with their expected opening.")
    public CoverageView coverage() {
        return coverage.coverage();
    }

    @GET
    @Path("/occupancy")
    @PermitAll
    @Operation(summary = "Network occupancy today", description = "Public. Every operational site's occupancy added up: "
            + "hosting capacity and startups hosted, seats allocated per space type, nomads, room bookings.")
    @APIResponse(responseCode = "200", description = "Today's occupancy of the network",
            content = @Content(schema = @Schema(implementation = NetworkOccupancyView.class)))
    public NetworkOccupancyView occupancy() {
        return occupancy.network();
    }
}
