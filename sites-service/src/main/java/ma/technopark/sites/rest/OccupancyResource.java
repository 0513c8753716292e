package ma.technopark.sites.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import ma.technopark.sites.service.OccupancyService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sites/{siteId}/occupancy")
@Tag(name = "Occupancy", description = "How full a site is, now and day by day")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class OccupancyResource {
    private final OccupancyService service;

    public OccupancyResource(OccupancyService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "A site's occupancy today", description = "Public. Per space type, startups hosted, nomads, bookings.")
    @APIResponse(responseCode = "200", description = "Today's occupancy", content = @Content(schema = @Schema(implementation = OccupancyView.class)))
    public OccupancyView today(@PathParam("siteId") UUID siteId) {
        return service.today(siteId);
    }

    @GET
    @Path("/history")
    @Operation(summary = "A site's daily occupancy", description = "Public. One entry per day from from to to (inclusive, at most 366 days).")
    @APIResponse(responseCode = "200", description = "Day by day",
            content = @Content(schema = @Schema(implementation = OccupancyView.class, type = SchemaType.ARRAY)))
    public List<OccupancyView> history(@PathParam("siteId") UUID siteId, @NotNull @QueryParam("from") LocalDate from,
            @NotNull @QueryParam("to") LocalDate to) {
        return service.history(siteId, from, to);
    }
}
