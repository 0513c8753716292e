package ma.technopark.startups.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import ma.technopark.startups.KpiReport;
import ma.technopark.startups.Startup;
import ma.technopark.startups.service.KpiService;
import ma.technopark.startups.service.StartupService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/startups")
@Tag(name = "Startups", description = "Beneficiaries: incorporated startups, project holders and digital nomads, and their KPI reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StartupResource {
    private final StartupService startups;
    private final KpiService kpis;
    private final IdempotencyKeys idempotency;

    public StartupResource(StartupService startups, KpiService kpis, IdempotencyKeys idempotency) {
        this.startups = startups;
        this.kpis = kpis;
        this.idempotency = idempotency;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "List startups", description = "Staff see all; a startup token sees only its own. Filters combine; "
            + "q searches names without regard to accents or case. Cursor-paginated.")
    @APIResponse(responseCode = "200", description = "A page of startups",
            content = @Content(schema = @Schema(implementation = StartupPage.class)))
    public Response list(@QueryParam("sector") Startup.Sector sector, @QueryParam("stage") Startup.Stage stage,
            @QueryParam("site") String site, @QueryParam("status") Startup.Status status, @QueryParam("kind") Startup.Kind kind,
            @Size(max = 100) @QueryParam("q") String q, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return Paging.ok(startups.list(sector, stage, site, status, kind, q, PageRequest.of(limit, cursor))
                .map(s -> StartupView.of(s, startups.founders(s))), uri);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "Get a startup", description = "A startup token reads only its own (404 otherwise). Returns an ETag.")
    @APIResponse(responseCode = "200", description = "The startup", content = @Content(schema = @Schema(implementation = StartupView.class)))
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Startup s = startups.get(id);
        return Preconditions.conditionalGet(request, s.version, StartupView.of(s, startups.founders(s)));
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    @Operation(summary = "Register a beneficiary", description = "Admin or programme manager. An incorporated startup needs "
            + "its ICE (15 digits, unique), legal name and form. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = StartupView.class)))
    public Response register(@NotNull @Valid StartupRequest request, @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Context UriInfo uri) {
        return idempotency.once(key, "POST /api/v1/startups", request, () -> {
            Startup s = startups.register(request);
            return Response.created(uri.getAbsolutePathBuilder().path(s.id.toString()).build())
                    .tag(Preconditions.etag(s.version)).entity(StartupView.of(s, startups.founders(s))).build();
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.STARTUP})
    @Operation(summary = "Replace a startup's profile", description = "Staff, or the startup itself. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = StartupView.class)))
    public Response update(@PathParam("id") UUID id, @NotNull @Valid StartupRequest request, @Context HttpHeaders headers) {
        long version = Preconditions.requireIfMatch(headers);
        Startup s = startups.update(id, version, request);
        return Response.ok(StartupView.of(s, startups.founders(s))).tag(Preconditions.etag(s.version)).build();
    }

    @GET
    @Path("/{id}/kpi-reports")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "A startup's KPI reports", description = "By period.")
    @APIResponse(responseCode = "200", description = "The reports",
            content = @Content(schema = @Schema(implementation = KpiReportView.class, type = SchemaType.ARRAY)))
    public List<KpiReportView> reports(@PathParam("id") UUID id) {
        return kpis.list(id).stream().map(KpiReportView::of).toList();
    }

    @POST
    @Path("/{id}/kpi-reports")
    @RolesAllowed({Roles.ADMIN, Roles.STARTUP})
    @Operation(summary = "Report a quarter's KPIs", description = "The startup itself or an admin; one report per complete "
            + "quarter (a second is a 409: correct it with PUT). Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Reported", content = @Content(schema = @Schema(implementation = KpiReportView.class)))
    public Response report(@PathParam("id") UUID id, @NotNull @Valid KpiReportRequest request,
            @HeaderParam(IdempotencyKeys.HEADER) String key, @Context UriInfo uri) {
        return idempotency.once(key, "POST /api/v1/startups/" + id + "/kpi-reports", request, () -> {
            KpiReport k = kpis.report(id, request);
            return Response.created(uri.getAbsolutePathBuilder().path(k.id.toString()).build())
                    .tag(Preconditions.etag(k.version)).entity(KpiReportView.of(k)).build();
        });
    }

    @PUT
    @Path("/{id}/kpi-reports/{reportId}")
    @RolesAllowed({Roles.ADMIN, Roles.STARTUP})
    @Operation(summary = "Correct a KPI report", description = "Requires If-Match; the period does not change.")
    @APIResponse(responseCode = "200", description = "Corrected", content = @Content(schema = @Schema(implementation = KpiReportView.class)))
    public Response correct(@PathParam("id") UUID id, @PathParam("reportId") UUID reportId,
            @NotNull @Valid KpiReportRequest request, @Context HttpHeaders headers) {
        long version = Preconditions.requireIfMatch(headers);
        KpiReport k = kpis.correct(id, reportId, version, request);
        return Response.ok(KpiReportView.of(k)).tag(Preconditions.etag(k.version)).build();
    }

    /** A programme the startup completed. */
    @Schema(name = "CompletedProgramme")
    public record CompletedProgramme(UUID programmeId, String programmeCode, String programmeName, UUID cohortId,
            String siteCode, java.time.OffsetDateTime completedAt) {
    }

    @GET
    @Path("/{id}/programmes")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "Programmes the startup completed", description = "Recorded from programs-service's events.")
    @APIResponse(responseCode = "200", description = "Completed programmes, oldest first",
            content = @Content(schema = @Schema(implementation = CompletedProgramme.class, type = SchemaType.ARRAY)))
    public List<CompletedProgramme> programmes(@PathParam("id") UUID id) {
        startups.get(id);
        return ma.technopark.startups.ProgrammeCompletion.<ma.technopark.startups.ProgrammeCompletion>list("startupId",
                        io.quarkus.panache.common.Sort.by("completedAt"), id).stream()
                .map(c -> new CompletedProgramme(c.programmeId, c.programmeCode, c.programmeName, c.cohortId, c.siteCode,
                        c.completedAt)).toList();
    }

    @GET
    @Path("/{id}/kpi-reports/overdue")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "Overdue KPI periods", description = "Complete quarters of the startup's residencies with no report.")
    @APIResponse(responseCode = "200", description = "Periods such as 2026-Q2, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)))
    public List<String> overdue(@PathParam("id") UUID id) {
        return kpis.overdue(id);
    }

    /** The shape of a page of startups, for the OpenAPI document. */
    @Schema(name = "StartupPage")
    public record StartupPage(java.util.List<StartupView> items, @Schema(description = "Cursor of the next page, or null") String next) {
    }
}
