package ma.technopark.sites.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ma.technopark.sites.service.CoverageService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/network")
@Tag(name = "Network", description = "The network's reach")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    private final CoverageService coverage;

    public NetworkResource(CoverageService coverage) {
        this.coverage = coverage;
    }

    @GET
    @Path("/coverage")
    @PermitAll
    @Operation(summary = "Network coverage", description = "Public. Operational cities and regions against the targets "
            + "(configurable, default 10 cities and 7 regions by 2026), and the planned sites with their expected opening.")
    public CoverageView coverage() {
        return coverage.coverage();
    }
}
