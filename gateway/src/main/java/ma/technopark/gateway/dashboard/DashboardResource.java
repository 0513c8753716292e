package ma.technopark.gateway.dashboard;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/network/dashboard")
@Tag(name = "Dashboard", description = "The network's figures in one call, drawn from the three services")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {
    private static final List<String> PASSED_ON = List.of("X-Request-Id", "Accept-Language", "traceparent", "Authorization");

    private final DashboardService dashboard;

    public DashboardResource(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @PermitAll
    @Operation(summary = "The network dashboard", description = "Public. Sites, cities and regions against the targets, "
            + "today's occupancy, startups accompanied and residents, the last complete year's revenue and jobs, and "
            + "beneficiaries against the 1,300 target, drawn in parallel from the services' own figures. When a service "
            + "does not answer, its part is null and named in missing: the others still come back (never a 500).")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = NetworkDashboard.class)))
    @APIResponse(responseCode = "400", description = "A query parameter this operation does not take",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public CompletionStage<NetworkDashboard> dashboard(@Context HttpServerRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : PASSED_ON) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return dashboard.dashboard(headers);
    }
}
