package ma.technopark.programs.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.Enrolment;
import ma.technopark.programs.service.EnrolmentService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/enrolments")
@Tag(name = "Cohorts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
public class EnrolmentResource {
    private static final String VIEW = "The enrolment";

    private final EnrolmentService service;

    public EnrolmentResource(EnrolmentService service) {
        this.service = service;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.STARTUP})
    @Operation(summary = "Get an enrolment", description = "A startup token reads only its own.")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.EnrolmentView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Enrolment e = service.get(id);
        return Preconditions.conditionalGet(request, e.version, ProgrammeRecords.EnrolmentView.of(e));
    }

    @POST
    @Path("/{id}/acceptance")
    @Operation(summary = "Accept an application to a cohort", description = "applied → accepted, while places remain")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.EnrolmentView.class)))
    public ProgrammeRecords.EnrolmentView accept(@PathParam("id") UUID id) {
        return ProgrammeRecords.EnrolmentView.of(service.move(id, Enrolment.Status.ACCEPTED));
    }

    @POST
    @Path("/{id}/activation")
    @Operation(summary = "The startup starts the programme", description = "accepted → active")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.EnrolmentView.class)))
    public ProgrammeRecords.EnrolmentView activate(@PathParam("id") UUID id) {
        return ProgrammeRecords.EnrolmentView.of(service.move(id, Enrolment.Status.ACTIVE));
    }

    @POST
    @Path("/{id}/completion")
    @Operation(summary = "The startup completes the programme", description = "active → completed")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.EnrolmentView.class)))
    public ProgrammeRecords.EnrolmentView complete(@PathParam("id") UUID id) {
        return ProgrammeRecords.EnrolmentView.of(service.move(id, Enrolment.Status.COMPLETED));
    }

    @POST
    @Path("/{id}/drop")
    @Operation(summary = "The startup drops out", description = "applied, accepted or active → dropped; the place frees")
    @APIResponse(responseCode = "200", description = VIEW, content = @Content(schema = @Schema(implementation = ProgrammeRecords.EnrolmentView.class)))
    public ProgrammeRecords.EnrolmentView drop(@PathParam("id") UUID id) {
        return ProgrammeRecords.EnrolmentView.of(service.move(id, Enrolment.Status.DROPPED));
    }
}
