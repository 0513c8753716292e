package ma.technopark.startups.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ma.technopark.startups.service.FiguresService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public network figures computed from the records. */
@Path("/api/v1/startup-figures")
@Tag(name = "Network figures", description = "Startup figures of the network, computed from the records")
@Produces(MediaType.APPLICATION_JSON)
public class FiguresResource {
    private final FiguresService figures;

    public FiguresResource(FiguresService figures) {
        this.figures = figures;
    }

    @GET
    @PermitAll
    @Operation(summary = "Startup figures", description = "Public. Network-wide, or for one site with siteCode: startups "
            + "accompanied, current residents, beneficiaries by kind, last complete year's revenue, employees.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = StartupFiguresView.class)))
    public StartupFiguresView figures(@Size(max = 16) @QueryParam("siteCode") String siteCode) {
        return figures.figures(siteCode);
    }
}
