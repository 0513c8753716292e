package ma.technopark.sites.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.security.Roles;
import ma.technopark.sites.Space;
import ma.technopark.sites.service.SpaceService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sites/{siteId}/spaces")
@Tag(name = "Spaces", description = "Workspaces, offices and rooms within a site")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SpaceResource {
    private final SpaceService service;
    private final IdempotencyKeys idempotency;

    public SpaceResource(SpaceService service, IdempotencyKeys idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @GET
    @PermitAll
    @Operation(summary = "List a site's spaces", description = "Public. Every space of the site, in creation order.")
    @APIResponse(responseCode = "200", description = "The spaces",
            content = @Content(schema = @Schema(implementation = SpaceView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<SpaceView> list(@PathParam("siteId") UUID siteId) {
        return service.list(siteId).stream().map(SpaceView::of).toList();
    }

    @GET
    @Path("/{spaceId}")
    @PermitAll
    @Operation(summary = "Get a space", description = "Public. Returns an ETag.")
    @APIResponse(responseCode = "200", description = "The space", content = @Content(schema = @Schema(implementation = SpaceView.class)))
    public Response get(@PathParam("siteId") UUID siteId, @PathParam("spaceId") UUID spaceId, @Context Request request) {
        Space space = service.get(siteId, spaceId);
        return Preconditions.conditionalGet(request, space.version, SpaceView.of(space));
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.SITE_MANAGER})
    @Operation(summary = "Add a space to a site", description = "Admin, or the site's manager. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = SpaceView.class)))
    public Response add(@PathParam("siteId") UUID siteId, @NotNull @Valid SpaceRequest request,
            @HeaderParam(IdempotencyKeys.HEADER) String key, @Context UriInfo uri) {
        return idempotency.once(key, "POST /api/v1/sites/" + siteId + "/spaces", request, () -> {
            Space space = service.add(siteId, request);
            return Response.created(uri.getAbsolutePathBuilder().path(space.id.toString()).build())
                    .tag(Preconditions.etag(space.version)).entity(SpaceView.of(space)).build();
        });
    }

    @PUT
    @Path("/{spaceId}")
    @RolesAllowed({Roles.ADMIN, Roles.SITE_MANAGER})
    @Operation(summary = "Replace a space's details",
            description = "Admin, or the site's manager. Requires If-Match. Cutting seats below what is allocated is a 409.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = SpaceView.class)))
    public Response update(@PathParam("siteId") UUID siteId, @PathParam("spaceId") UUID spaceId,
            @NotNull @Valid SpaceRequest request, @Context HttpHeaders headers) {
        long version = Preconditions.requireIfMatch(headers);
        Space space = service.update(siteId, spaceId, version, request);
        return Response.ok(SpaceView.of(space)).tag(Preconditions.etag(space.version)).build();
    }
}
