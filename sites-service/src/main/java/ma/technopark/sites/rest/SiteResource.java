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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.paging.Paging;
import ma.technopark.platform.security.Roles;
import ma.technopark.sites.Region;
import ma.technopark.sites.Site;
import ma.technopark.sites.SiteKind;
import ma.technopark.sites.SiteStatus;
import ma.technopark.sites.service.SiteService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sites")
@Tag(name = "Sites", description = "The network's Technoparks and partner sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {
    private final SiteService service;
    private final IdempotencyKeys idempotency;

    public SiteResource(SiteService service, IdempotencyKeys idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @GET
    @PermitAll
    @Operation(summary = "List sites", description = "Public. Cursor-paginated in creation order; filters combine.")
    @APIResponse(responseCode = "200", description = "A page of sites",
            content = @Content(schema = @Schema(implementation = SitePage.class)))
    public Response list(@QueryParam("region") Region region, @QueryParam("status") SiteStatus status,
            @QueryParam("kind") SiteKind kind, @QueryParam("city") String city,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return Paging.ok(service.list(region, status, kind, city, PageRequest.of(limit, cursor)).map(SiteView::of), uri);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get a site", description = "Public. Returns an ETag; If-None-Match with it gives 304.")
    @APIResponse(responseCode = "200", description = "The site", content = @Content(schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Site site = service.get(id);
        return Preconditions.conditionalGet(request, site.version, SiteView.of(site));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a site", description = "Admin. A new site starts PLANNED. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = SiteView.class)))
    public Response register(@NotNull @Valid SiteRequest request,
            @Parameter(description = "Makes retries safe: the same key and body replay the first response")
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.once(key, "POST /api/v1/sites", request, () -> {
            Site site = service.register(request);
            return Response.created(uri.getAbsolutePathBuilder().path(site.id.toString()).build())
                    .tag(Preconditions.etag(site.version)).entity(SiteView.of(site)).build();
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SITE_MANAGER})
    @Operation(summary = "Replace a site's details", description = "Admin, or the site's manager. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = SiteView.class)))
    public Response update(@PathParam("id") UUID id, @NotNull @Valid SiteRequest request, @Context HttpHeaders headers) {
        long version = Preconditions.requireIfMatch(headers);
        Site site = service.update(id, version, request);
        return Response.ok(SiteView.of(site)).tag(Preconditions.etag(site.version)).build();
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed({Roles.ADMIN, Roles.SITE_MANAGER})
    @Operation(summary = "Change a site's status",
            description = "planned → under construction → operational → suspended / closed; another move is a 409.")
    @APIResponse(responseCode = "200", description = "Status changed", content = @Content(schema = @Schema(implementation = SiteView.class)))
    public Response changeStatus(@PathParam("id") UUID id, @NotNull @Valid StatusChange change) {
        Site site = service.changeStatus(id, change.status());
        return Response.ok(SiteView.of(site)).tag(Preconditions.etag(site.version)).build();
    }

    /** For the OpenAPI document: a page of sites. */
    @Schema(name = "SitePage")
    public record SitePage(java.util.List<SiteView> items, String next) {
    }
}
