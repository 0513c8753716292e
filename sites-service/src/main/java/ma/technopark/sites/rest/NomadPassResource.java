package ma.technopark.sites.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.paging.Paging;
import ma.technopark.platform.security.Roles;
import ma.technopark.sites.NomadPass;
import ma.technopark.sites.NomadVisit;
import ma.technopark.sites.service.NomadService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/nomad-passes")
@Tag(name = "Digital nomads", description = "Day, week and month passes on a site's nomad seats, check-in and check-out")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SITE_MANAGER})
public class NomadPassResource {
    private final NomadService service;
    private final IdempotencyKeys idempotency;

    public NomadPassResource(NomadService service, IdempotencyKeys idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @POST
    @Operation(summary = "Issue a pass", description = "Admin or the site's manager. Refused (409) when, on some day of "
            + "its validity, the site's nomad seats are all taken. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Issued", content = @Content(schema = @Schema(implementation = NomadPassView.class)))
    public Response issue(@NotNull @Valid NomadPassRequest request, @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.once(key, "POST /api/v1/nomad-passes", request, () -> {
            NomadPass pass = service.issue(request);
            return Response.created(uri.getAbsolutePathBuilder().path(pass.id.toString()).build())
                    .entity(NomadPassView.of(pass)).build();
        });
    }

    @GET
    @Operation(summary = "List a site's passes", description = "Admin or the site's manager. Valid on a day (validOn), of a "
            + "holder (holderEmail, in any case) and of a status, each when given; oldest first. Cursor-paginated.")
    @APIResponse(responseCode = "200", description = "A page of passes",
            content = @Content(schema = @Schema(implementation = NomadPassPage.class)))
    public Response list(@NotNull @QueryParam("siteId") UUID siteId, @QueryParam("validOn") LocalDate validOn,
            @Size(max = 200) @QueryParam("holderEmail") String holderEmail, @QueryParam("status") NomadPass.Status status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return Paging.ok(service.list(siteId, validOn, holderEmail, status, PageRequest.of(limit, cursor)).map(NomadPassView::of), uri);
    }

    @Schema(name = "NomadPassPage")
    public record NomadPassPage(List<NomadPassView> items, @Schema(description = "Cursor of the next page, or null") String next) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a pass", description = "Admin or the site's manager.")
    @APIResponse(responseCode = "200", description = "The pass", content = @Content(schema = @Schema(implementation = NomadPassView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        NomadPass p = service.read(id);
        return Preconditions.conditionalGet(request, p.version, NomadPassView.of(p));
    }

    @POST
    @Path("/{id}/cancellation")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel a pass", description = "Admin or the site's manager. Its nomad seat is free again for the days it "
            + "had left. Refused (409) while its holder is in, and for a pass cancelled already.")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = NomadPassView.class)))
    public NomadPassView cancel(@PathParam("id") UUID id) {
        return NomadPassView.of(service.cancel(id));
    }

    @POST
    @Path("/{id}/check-ins")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Check the holder in", description = "On a day the pass is valid; not twice without a check-out.")
    @APIResponse(responseCode = "201", description = "Checked in", content = @Content(schema = @Schema(implementation = NomadVisitView.class)))
    public Response checkIn(@PathParam("id") UUID id) {
        NomadVisit visit = service.checkIn(id);
        return Response.status(201).entity(NomadVisitView.of(visit, service.get(id))).build();
    }

    @POST
    @Path("/{id}/check-outs")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Check the holder out")
    @APIResponse(responseCode = "200", description = "Checked out", content = @Content(schema = @Schema(implementation = NomadVisitView.class)))
    public NomadVisitView checkOut(@PathParam("id") UUID id) {
        return NomadVisitView.of(service.checkOut(id), service.get(id));
    }

    @GET
    @Path("/present")
    @Operation(summary = "Who is in now", description = "The open visits at a site, by check-in time. Admin or the site's manager.")
    @APIResponse(responseCode = "200", description = "Open visits",
            content = @Content(schema = @Schema(implementation = NomadVisitView.class, type = SchemaType.ARRAY)))
    public List<NomadVisitView> present(@NotNull @QueryParam("siteId") UUID siteId) {
        return service.present(siteId).stream().map(v -> NomadVisitView.of(v, service.get(v.passId))).toList();
    }
}
