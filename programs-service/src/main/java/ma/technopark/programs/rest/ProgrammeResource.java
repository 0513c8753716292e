package ma.technopark.programs.rest;

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
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.Programme;
import ma.technopark.programs.service.EnrolmentService;
import ma.technopark.programs.service.ProgrammeService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/programmes")
@Tag(name = "Programmes", description = "Accompaniment programmes by stage or theme, and their cohorts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProgrammeResource {
    private final ProgrammeService service;
    private final EnrolmentService enrolments;
    private final IdempotencyKeys idempotency;

    public ProgrammeResource(ProgrammeService service, EnrolmentService enrolments, IdempotencyKeys idempotency) {
        this.service = service;
        this.enrolments = enrolments;
        this.idempotency = idempotency;
    }

    @GET
    @PermitAll
    @Operation(summary = "List programmes", description = "Public: the published ones. Staff see every status.")
    @APIResponse(responseCode = "200", description = "Programmes by code",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.ProgrammeView.class, type = SchemaType.ARRAY)))
    public List<ProgrammeRecords.ProgrammeView> list(@QueryParam("status") Programme.Status status,
            @QueryParam("kind") Programme.Kind kind) {
        return service.list(status, kind).stream().map(ProgrammeRecords.ProgrammeView::of).toList();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get a programme", description = "Public when published.")
    @APIResponse(responseCode = "200", description = "The programme",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.ProgrammeView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Programme p = service.get(id);
        return Preconditions.conditionalGet(request, p.version, ProgrammeRecords.ProgrammeView.of(p));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Replace a programme's details", description = "Everything but its code, until it closes. Requires "
            + "If-Match. Its sites keep those of its cohorts that are not closed (409). A published programme's change is "
            + "public at once and published as programs.programme.updated.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.ProgrammeView.class)))
    public Response update(@PathParam("id") UUID id, @NotNull @Valid ProgrammeRecords.ProgrammeRequest request,
            @Context HttpHeaders headers) {
        Programme p = service.update(id, Preconditions.requireIfMatch(headers), request);
        return Response.ok(ProgrammeRecords.ProgrammeView.of(p)).tag(Preconditions.etag(p.version)).build();
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Create a programme", description = "A draft, with its eligible stages, sites and funding conventions. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.ProgrammeView.class)))
    public Response create(@NotNull @Valid ProgrammeRecords.ProgrammeRequest request, @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.once(key, "POST /api/v1/programmes", request, () -> {
            Programme p = service.create(request);
            return Response.created(uri.getAbsolutePathBuilder().path(p.id.toString()).build())
                    .tag(Preconditions.etag(p.version)).entity(ProgrammeRecords.ProgrammeView.of(p)).build();
        });
    }

    @POST
    @Path("/{id}/publication")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Publish a programme", description = "draft → published; it becomes public.")
    @APIResponse(responseCode = "200", description = "Published",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.ProgrammeView.class)))
    public ProgrammeRecords.ProgrammeView publish(@PathParam("id") UUID id) {
        return ProgrammeRecords.ProgrammeView.of(service.publish(id));
    }

    @POST
    @Path("/{id}/closure")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Close a programme", description = "published → closed")
    @APIResponse(responseCode = "200", description = "Closed",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.ProgrammeView.class)))
    public ProgrammeRecords.ProgrammeView close(@PathParam("id") UUID id) {
        return ProgrammeRecords.ProgrammeView.of(service.close(id));
    }

    @GET
    @Path("/{id}/cohorts")
    @PermitAll
    @Operation(summary = "A programme's cohorts", description = "Public when the programme is published.")
    @APIResponse(responseCode = "200", description = "Cohorts by start date",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.CohortView.class, type = SchemaType.ARRAY)))
    public List<ProgrammeRecords.CohortView> cohorts(@PathParam("id") UUID id) {
        return service.cohorts(id).stream().map(c -> ProgrammeRecords.CohortView.of(c, enrolments.placed(c.id))).toList();
    }
}
