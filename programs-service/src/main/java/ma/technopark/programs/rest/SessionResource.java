package ma.technopark.programs.rest;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.Session;
import ma.technopark.programs.service.SessionService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sessions")
@Tag(name = "Sessions", description = "Sessions and workshops of a cohort in a site's training rooms, and attendance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
public class SessionResource {
    private final SessionService service;

    public SessionResource(SessionService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Schedule a session", description = "Books the training room in sites-service with the caller's "
            + "token, held for the programme team (heldFor: PROGRAMMES). A taken room is a 409 that says so; sites-service down is a fast 503 and nothing is created.")
    @APIResponse(responseCode = "201", description = "Scheduled", content = @Content(schema = @Schema(implementation = SessionRecords.SessionView.class)))
    public Response schedule(@NotNull @Valid SessionRecords.SessionRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        Session s = service.schedule(request, authorization);
        return Response.created(uri.getAbsolutePathBuilder().path(s.id.toString()).build()).entity(SessionRecords.SessionView.of(s)).build();
    }

    @GET
    @Operation(summary = "A cohort's sessions", description = "By start time, cancelled ones included unless a status is given.")
    @APIResponse(responseCode = "200", description = "Sessions",
            content = @Content(schema = @Schema(implementation = SessionRecords.SessionView.class, type = SchemaType.ARRAY)))
    public List<SessionRecords.SessionView> list(@NotNull @QueryParam("cohortId") UUID cohortId,
            @QueryParam("status") Session.Status status) {
        return service.list(cohortId, status).stream().map(SessionRecords.SessionView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a session")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(implementation = SessionRecords.SessionView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Session s = service.get(id);
        return Preconditions.conditionalGet(request, s.version, SessionRecords.SessionView.of(s));
    }

    @POST
    @Path("/{id}/move")
    @Operation(summary = "Move a session to another slot", description = "Before it starts, within its cohort's dates, in its "
            + "training room or another (spaceId). Moves its room booking in sites-service with the caller's token, in one step "
            + "(the session's own old slot is no obstacle), then the session, and publishes programs.session.moved. A taken "
            + "slot is a 409 room-taken; sites-service down is a fast 503; either way nothing changes. A booking moved in "
            + "sites-service moves its session too (movedBy: sites-service).")
    @APIResponse(responseCode = "200", description = "Moved", content = @Content(schema = @Schema(implementation = SessionRecords.SessionView.class)))
    public SessionRecords.SessionView move(@PathParam("id") UUID id, @NotNull @Valid SessionRecords.SessionMoveRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return SessionRecords.SessionView.of(service.move(id, request, authorization));
    }

    @POST
    @Path("/{id}/cancellation")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel a session", description = "Before it starts. Cancels its room booking in sites-service with "
            + "the caller's token (any programme manager or admin may: the booking is held for the programme team), then the session: "
            + "once, whatever the concurrency. sites-service down is a fast 503 and nothing changes. A booking cancelled "
            + "in sites-service cancels its session too (cancelledBy: sites-service).")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = SessionRecords.SessionView.class)))
    public SessionRecords.SessionView cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return SessionRecords.SessionView.of(service.cancel(id, authorization));
    }

    @POST
    @Path("/{id}/attendance")
    @Operation(summary = "Record a startup's attendance", description = "For a startup enrolled in the cohort; recording again corrects it.")
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(schema = @Schema(implementation = SessionRecords.AttendanceView.class)))
    public SessionRecords.AttendanceView attend(@PathParam("id") UUID id, @NotNull @Valid SessionRecords.AttendanceRequest request) {
        return service.attend(id, request);
    }

    @GET
    @Path("/{id}/attendance")
    @Operation(summary = "A session's attendance")
    @APIResponse(responseCode = "200", description = "Attendance",
            content = @Content(schema = @Schema(implementation = SessionRecords.AttendanceView.class, type = SchemaType.ARRAY)))
    public List<SessionRecords.AttendanceView> attendance(@PathParam("id") UUID id) {
        return service.attendance(id);
    }
}
