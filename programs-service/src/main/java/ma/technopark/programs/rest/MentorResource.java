package ma.technopark.programs.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.Mentor;
import ma.technopark.programs.OfficeHour;
import ma.technopark.programs.service.MentorService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Mentors and office hours. */
public final class MentorResource {
    private MentorResource() {
    }

    @Path("/api/v1/mentors")
    @Tag(name = "Mentors", description = "Mentors, their expertise, languages and office hours")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.STARTUP})
    public static class Mentors {
        private final MentorService service;

        public Mentors(MentorService service) {
            this.service = service;
        }

        @GET
        @Operation(summary = "List mentors", description = "By expertise, language and site, each when given (exactly as "
                + "registered, e.g. expertise=marketing&language=ar&siteCode=ESS).")
        @APIResponse(responseCode = "200", description = "Mentors by name",
                content = @Content(schema = @Schema(implementation = SessionRecords.MentorView.class, type = SchemaType.ARRAY)))
        public List<SessionRecords.MentorView> list(@QueryParam("expertise") String expertise, @QueryParam("language") String language,
                @QueryParam("siteCode") String siteCode) {
            return service.mentors(expertise, language, siteCode).stream().map(SessionRecords.MentorView::of).toList();
        }

        @GET
        @Path("/{id}")
        @Operation(summary = "Get a mentor")
        @APIResponse(responseCode = "200", description = "The mentor", content = @Content(schema = @Schema(implementation = SessionRecords.MentorView.class)))
        @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
        public Response get(@PathParam("id") UUID id, @Context Request request) {
            Mentor m = service.mentor(id);
            return Preconditions.conditionalGet(request, m.version, SessionRecords.MentorView.of(m));
        }

        @PUT
        @Path("/{id}")
        @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
        @Operation(summary = "Replace a mentor's profile", description = "Name, e-mail, expertise, languages and sites. Requires If-Match.")
        @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = SessionRecords.MentorView.class)))
        public Response update(@PathParam("id") UUID id, @NotNull @Valid SessionRecords.MentorRequest request,
                @Context HttpHeaders headers) {
            Mentor m = service.update(id, Preconditions.requireIfMatch(headers), request);
            return Response.ok(SessionRecords.MentorView.of(m)).tag(Preconditions.etag(m.version)).build();
        }

        @POST
        @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
        @Operation(summary = "Register a mentor")
        @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = SessionRecords.MentorView.class)))
        public Response create(@NotNull @Valid SessionRecords.MentorRequest request, @Context UriInfo uri) {
            Mentor m = service.create(request);
            return Response.created(uri.getAbsolutePathBuilder().path(m.id.toString()).build()).tag(Preconditions.etag(m.version))
                    .entity(SessionRecords.MentorView.of(m)).build();
        }

        @GET
        @Path("/{id}/office-hours")
        @Operation(summary = "A mentor's office hours", description = "By start time, with their status.")
        @APIResponse(responseCode = "200", description = "Office hours",
                content = @Content(schema = @Schema(implementation = SessionRecords.OfficeHourView.class, type = SchemaType.ARRAY)))
        public List<SessionRecords.OfficeHourView> officeHours(@PathParam("id") UUID id) {
            return service.officeHours(id).stream().map(SessionRecords.OfficeHourView::of).toList();
        }

        @POST
        @Path("/{id}/office-hours")
        @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
        @Operation(summary = "Open an office hour")
        @APIResponse(responseCode = "201", description = "Opened", content = @Content(schema = @Schema(implementation = SessionRecords.OfficeHourView.class)))
        public Response open(@PathParam("id") UUID id, @NotNull @Valid SessionRecords.OfficeHourRequest request) {
            return Response.status(201).entity(SessionRecords.OfficeHourView.of(service.open(id, request))).build();
        }
    }

    @Path("/api/v1/office-hours")
    @Tag(name = "Mentors")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    public static class OfficeHours {
        private final MentorService service;

        public OfficeHours(MentorService service) {
            this.service = service;
        }

        @POST
        @Path("/{id}/reservation")
        @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.STARTUP})
        @Operation(summary = "Reserve an office hour", description = "open → reserved, until it starts; one startup per slot, whatever the concurrency.")
        @APIResponse(responseCode = "200", description = "Reserved", content = @Content(schema = @Schema(implementation = SessionRecords.OfficeHourView.class)))
        public SessionRecords.OfficeHourView reserve(@PathParam("id") UUID id, @NotNull @Valid SessionRecords.ReservationRequest request) {
            return SessionRecords.OfficeHourView.of(service.reserve(id, request.startupId()));
        }

        @POST
        @Path("/{id}/release")
        @Consumes(MediaType.WILDCARD)
        @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.STARTUP})
        @Operation(summary = "Give up a reservation", description = "reserved → open, for another startup to take: by the "
                + "startup holding it, or staff, until the office hour starts.")
        @APIResponse(responseCode = "200", description = "Open again", content = @Content(schema = @Schema(implementation = SessionRecords.OfficeHourView.class)))
        public SessionRecords.OfficeHourView release(@PathParam("id") UUID id) {
            return SessionRecords.OfficeHourView.of(service.release(id));
        }

        @POST
        @Path("/{id}/held")
        @Consumes(MediaType.WILDCARD)
        @Operation(summary = "Mark an office hour held", description = "reserved → held")
        @APIResponse(responseCode = "200", description = "Held", content = @Content(schema = @Schema(implementation = SessionRecords.OfficeHourView.class)))
        public SessionRecords.OfficeHourView held(@PathParam("id") UUID id) {
            return SessionRecords.OfficeHourView.of(service.close(id, OfficeHour.Status.HELD));
        }

        @POST
        @Path("/{id}/no-show")
        @Consumes(MediaType.WILDCARD)
        @Operation(summary = "Mark a no-show", description = "reserved → no-show")
        @APIResponse(responseCode = "200", description = "No-show", content = @Content(schema = @Schema(implementation = SessionRecords.OfficeHourView.class)))
        public SessionRecords.OfficeHourView noShow(@PathParam("id") UUID id) {
            return SessionRecords.OfficeHourView.of(service.close(id, OfficeHour.Status.NO_SHOW));
        }

        @POST
        @Path("/{id}/cancellation")
        @Consumes(MediaType.WILDCARD)
        @Operation(summary = "Cancel an office hour", description = "open or reserved → cancelled")
        @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = SessionRecords.OfficeHourView.class)))
        public SessionRecords.OfficeHourView cancel(@PathParam("id") UUID id) {
            return SessionRecords.OfficeHourView.of(service.close(id, OfficeHour.Status.CANCELLED));
        }
    }
}
