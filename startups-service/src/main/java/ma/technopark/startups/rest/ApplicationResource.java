package ma.technopark.startups.rest;

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
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.paging.Paging;
import ma.technopark.platform.security.Roles;
import ma.technopark.startups.Application;
import ma.technopark.startups.service.ApplicationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/applications")
@Tag(name = "Applications", description = "Incubation applications, their reviews and decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {
    private static final String VIEW = "The application";

    private final ApplicationService service;
    private final IdempotencyKeys idempotency;

    public ApplicationResource(ApplicationService service, IdempotencyKeys idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.STARTUP})
    @Operation(summary = "Draft an application", description = "The startup itself or an admin; for a site of the network. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Drafted", content = @Content(schema = @Schema(implementation = ApplicationRequests.View.class)))
    public Response create(@NotNull @Valid ApplicationRequests.Create request, @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.once(key, "POST /api/v1/applications", request, () -> {
            Application a = service.create(request);
            return Response.created(uri.getAbsolutePathBuilder().path(a.id.toString()).build())
                    .tag(Preconditions.etag(a.version)).entity(ApplicationRequests.View.of(a)).build();
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "List applications", description = "A startup token sees only its own. Cursor-paginated.")
    @APIResponse(responseCode = "200", description = "A page of applications, oldest first",
            content = @Content(schema = @Schema(implementation = ApplicationPage.class)))
    public Response list(@QueryParam("startupId") UUID startupId, @QueryParam("status") Application.Status status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return Paging.ok(service.list(startupId, status, PageRequest.of(limit, cursor)).map(ApplicationRequests.View::of), uri);
    }

    @Schema(name = "ApplicationPage")
    public record ApplicationPage(List<ApplicationRequests.View> items,
            @Schema(description = "Cursor of the next page, or null") String next) {
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "Get an application")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ApplicationRequests.View.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Application a = service.get(id);
        return Preconditions.conditionalGet(request, a.version, ApplicationRequests.View.of(a));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.STARTUP})
    @Operation(summary = "Edit a draft", description = "The startup itself or an admin, while the application is a draft: its "
            + "site, seats, start date and motivation. Requires If-Match.")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ApplicationRequests.View.class)))
    public Response edit(@PathParam("id") UUID id, @NotNull @Valid ApplicationRequests.Create request, @Context HttpHeaders headers) {
        Application a = service.edit(id, Preconditions.requireIfMatch(headers), request);
        return Response.ok(ApplicationRequests.View.of(a)).tag(Preconditions.etag(a.version)).build();
    }

    @POST
    @Path("/{id}/submission")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.STARTUP})
    @Operation(summary = "Submit a draft", description = "draft → submitted")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ApplicationRequests.View.class)))
    public ApplicationRequests.View submit(@PathParam("id") UUID id) {
        return ApplicationRequests.View.of(service.submit(id));
    }

    @POST
    @Path("/{id}/withdrawal")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.STARTUP})
    @Operation(summary = "Withdraw an application", description = "By the applicant, before a final decision.")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ApplicationRequests.View.class)))
    public ApplicationRequests.View withdraw(@PathParam("id") UUID id) {
        return ApplicationRequests.View.of(service.withdraw(id));
    }

    @POST
    @Path("/{id}/screening")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Start screening", description = "submitted → screening")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ApplicationRequests.View.class)))
    public ApplicationRequests.View screen(@PathParam("id") UUID id) {
        return ApplicationRequests.View.of(service.advance(id, Application.Status.SCREENING));
    }

    @POST
    @Path("/{id}/committee")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Send to committee", description = "screening → committee")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ApplicationRequests.View.class)))
    public ApplicationRequests.View committee(@PathParam("id") UUID id) {
        return ApplicationRequests.View.of(service.advance(id, Application.Status.COMMITTEE));
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Decide", description = "committee (or waitlisted) → accepted / waitlisted / rejected, with a reason, "
            + "once the minimum number of reviews is in. An acceptance asks the site for the seats.")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ApplicationRequests.View.class)))
    public ApplicationRequests.View decide(@PathParam("id") UUID id, @NotNull @Valid ApplicationRequests.Decision decision) {
        return ApplicationRequests.View.of(service.decide(id, decision));
    }

    @POST
    @Path("/{id}/reviews")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Review an application", description = "Scores from 1 to 5; one review per reviewer, during screening or committee.")
    @APIResponse(responseCode = "201", description = "Reviewed", content = @Content(schema = @Schema(implementation = ApplicationRequests.ReviewView.class)))
    public Response review(@PathParam("id") UUID id, @NotNull @Valid ApplicationRequests.ReviewCreate review) {
        return Response.status(201).entity(ApplicationRequests.ReviewView.of(service.review(id, review))).build();
    }

    @GET
    @Path("/{id}/reviews")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "An application's reviews")
    @APIResponse(responseCode = "200", description = "Reviews",
            content = @Content(schema = @Schema(implementation = ApplicationRequests.ReviewView.class, type = SchemaType.ARRAY)))
    public List<ApplicationRequests.ReviewView> reviews(@PathParam("id") UUID id) {
        return service.reviews(id).stream().map(ApplicationRequests.ReviewView::of).toList();
    }
}
