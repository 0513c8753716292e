package ma.technopark.sites.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.paging.Paging;
import ma.technopark.platform.security.Roles;
import ma.technopark.sites.Allocation;
import ma.technopark.sites.service.AllocationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/allocations")
@Tag(name = "Hosting", description = "Long-term hosting of startups: allocations of seats and offices, and the waitlist")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SITE_MANAGER})
public class AllocationResource {
    private final AllocationService service;
    private final IdempotencyKeys idempotency;

    public AllocationResource(AllocationService service, IdempotencyKeys idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @POST
    @Operation(summary = "Allocate seats to a startup",
            description = "Admin, or the site's manager. Never beyond a space's seats nor the site's capacity in startups, "
                    + "on any day of the period: a full site is a 409, or a 202 waitlist entry with waitlistIfFull.")
    @APIResponse(responseCode = "201", description = "Allocated", content = @Content(schema = @Schema(implementation = AllocationView.class)))
    @APIResponse(responseCode = "202", description = "The site is full: waitlisted",
            content = @Content(schema = @Schema(implementation = WaitlistEntryView.class)))
    public Response allocate(@NotNull @Valid AllocationRequest request, @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Context UriInfo uri) {
        if (key == null) {
            return answer(service.request(request), uri); // batched with the decisions waiting at the site
        }
        // with a key, the decision is taken in the transaction that records the key with its answer
        return idempotency.once(key, "POST /api/v1/allocations", request, () -> answer(service.request(request), uri));
    }

    private static Response answer(AllocationService.Outcome outcome, UriInfo uri) {
        if (outcome instanceof AllocationService.Allocated a) {
            return Response.created(uri.getAbsolutePathBuilder().path(a.allocation().id.toString()).build())
                    .entity(AllocationView.of(a.allocation())).build();
        }
        return Response.accepted(WaitlistEntryView.of(((AllocationService.Waitlisted) outcome).entry())).build();
    }

    @GET
    @Operation(summary = "List allocations", description = "Admin or site manager. Cursor-paginated; filters combine.")
    @APIResponse(responseCode = "200", description = "A page of allocations",
            content = @Content(schema = @Schema(implementation = AllocationPage.class)))
    public Response list(@QueryParam("siteId") UUID siteId, @QueryParam("spaceId") UUID spaceId,
            @QueryParam("startupId") UUID startupId, @QueryParam("status") Allocation.Status status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return Paging.ok(service.list(siteId, spaceId, startupId, status, PageRequest.of(limit, cursor)).map(AllocationView::of), uri);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an allocation")
    @APIResponse(responseCode = "200", description = "The allocation", content = @Content(schema = @Schema(implementation = AllocationView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Allocation a = service.get(id);
        return Preconditions.conditionalGet(request, a.version, AllocationView.of(a));
    }

    @POST
    @Path("/{id}/release")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Release an allocation",
            description = "Frees its seats from now on; the first waiting request that fits is promoted (with an event).")
    @APIResponse(responseCode = "200", description = "Released", content = @Content(schema = @Schema(implementation = AllocationView.class)))
    public AllocationView release(@PathParam("id") UUID id) {
        return AllocationView.of(service.release(id));
    }

    @GET
    @Path("/waitlist")
    @Operation(summary = "A site's waitlist", description = "The waiting requests of a site, first come first served.")
    @APIResponse(responseCode = "200", description = "The waiting requests, oldest first",
            content = @Content(schema = @Schema(implementation = WaitlistEntryView.class, type = SchemaType.ARRAY)))
    public List<WaitlistEntryView> waitlist(@NotNull @QueryParam("siteId") UUID siteId) {
        return service.waitlist(siteId).stream().map(WaitlistEntryView::of).toList();
    }

    /** The shape of a page of allocations, for the OpenAPI document. */
    @Schema(name = "AllocationPage")
    public record AllocationPage(java.util.List<AllocationView> items, @Schema(description = "Cursor of the next page, or null") String next) {
    }
}
