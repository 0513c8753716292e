package ma.technopark.programs.rest;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.Cohort;
import ma.technopark.programs.Enrolment;
import ma.technopark.programs.service.EnrolmentService;
import ma.technopark.programs.service.ProgrammeService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cohorts")
@Tag(name = "Cohorts", description = "Runs of a programme at a site, and their enrolments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CohortResource {
    private static final String VIEW = "The cohort";

    private final ProgrammeService programmes;
    private final EnrolmentService enrolments;
    private final IdempotencyKeys idempotency;

    public CohortResource(ProgrammeService programmes, EnrolmentService enrolments, IdempotencyKeys idempotency) {
        this.programmes = programmes;
        this.enrolments = enrolments;
        this.idempotency = idempotency;
    }

    private ProgrammeRecords.CohortView view(Cohort c) {
        return ProgrammeRecords.CohortView.of(c, enrolments.placed(c.id));
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Create a cohort", description = "A draft run of a programme at one of its sites. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ProgrammeRecords.CohortView.class)))
    public Response create(@NotNull @Valid ProgrammeRecords.CohortRequest request, @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.once(key, "POST /api/v1/cohorts", request, () -> {
            Cohort c = programmes.createCohort(request);
            return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build()).entity(view(c)).build();
        });
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get a cohort", description = "Public when its programme is published; shows the places taken "
            + "(each enrolment decision moves its version, so its ETag changes with them).")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.CohortView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Cohort c = programmes.cohort(id);
        return Preconditions.conditionalGet(request, c.version, view(c));
    }

    @POST
    @Path("/{id}/opening")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Open a cohort for enrolment", description = "draft → open (its programme must be published)")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.CohortView.class)))
    public ProgrammeRecords.CohortView open(@PathParam("id") UUID id) {
        return view(programmes.moveCohort(id, Cohort.Status.OPEN));
    }

    @POST
    @Path("/{id}/start")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Start a cohort", description = "open → running")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.CohortView.class)))
    public ProgrammeRecords.CohortView start(@PathParam("id") UUID id) {
        return view(programmes.moveCohort(id, Cohort.Status.RUNNING));
    }

    @POST
    @Path("/{id}/closure")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Close a cohort", description = "running → closed, once it has no session ahead (409 "
            + "cohort-has-sessions: cancel them first, which frees their rooms)")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.CohortView.class)))
    public ProgrammeRecords.CohortView close(@PathParam("id") UUID id) {
        return view(programmes.moveCohort(id, Cohort.Status.CLOSED));
    }

    @POST
    @Path("/{id}/capacity")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Change a cohort's number of places", description = "Until it closes; never below the places taken "
            + "(409 naming them). Raising it lets staff accept more applications.")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.CohortView.class)))
    public ProgrammeRecords.CohortView capacity(@PathParam("id") UUID id, @NotNull @Valid ProgrammeRecords.CapacityChange change) {
        return view(enrolments.changeCapacity(id, change.capacity()));
    }

    @POST
    @Path("/{id}/enrolments")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.STARTUP})
    @Operation(summary = "Enrol a startup", description = "An eligible startup (stage, status) in an open cohort. Staff enrol "
            + "directly (accepted) while places remain; a startup applies for itself. Never over capacity.")
    @APIResponse(responseCode = "201", description = "Enrolled or applied",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.EnrolmentView.class)))
    public Response enrol(@PathParam("id") UUID id, @NotNull @Valid ProgrammeRecords.EnrolmentRequest request, @Context UriInfo uri) {
        Enrolment e = enrolments.enrol(id, request.startupId());
        return Response.created(uri.getBaseUriBuilder().path("/api/v1/enrolments/" + e.id).build())
                .entity(ProgrammeRecords.EnrolmentView.of(e)).build();
    }

    @GET
    @Path("/{id}/enrolments")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.STARTUP})
    @Operation(summary = "A cohort's enrolments", description = "A startup token sees only its own.")
    @APIResponse(responseCode = "200", description = "Enrolments",
            content = @Content(schema = @Schema(implementation = ProgrammeRecords.EnrolmentView.class, type = SchemaType.ARRAY)))
    public List<ProgrammeRecords.EnrolmentView> enrolments(@PathParam("id") UUID id) {
        return enrolments.list(id).stream().map(ProgrammeRecords.EnrolmentView::of).toList();
    }
}
