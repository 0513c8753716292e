package ma.technopark.startups.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.export.CsvExport;
import ma.technopark.platform.export.ExportScope;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.paging.Paging;
import ma.technopark.platform.security.Roles;
import ma.technopark.startups.Residency;
import ma.technopark.startups.service.ResidencyService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/residencies")
@Tag(name = "Residencies", description = "Startups hosted at a site: admitted → resident → graduated / exited")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResidencyResource {
    private final ResidencyService service;
    private final CsvExport csv;
    private final ExportScope scope;

    public ResidencyResource(ResidencyService service, CsvExport csv,
            ExportScope scope) {
        this.csv = csv;
        this.scope = scope;
        this.service = service;
    }

    @Schema(name = "Residency")
    public record View(UUID id, UUID applicationId, UUID startupId, String siteCode, UUID allocationId, int seats,
            Residency.Status status, OffsetDateTime admittedAt, OffsetDateTime endedAt, long version) {
        static View of(Residency r) {
            return new View(r.id, r.applicationId, r.startupId, r.siteCode, r.allocationId, r.seats, r.status, r.admittedAt,
                    r.endedAt, r.version);
        }
    }

    @Schema(name = "ResidencyEnd")
    public record End(@NotNull @Schema(example = "GRADUATED", enumeration = {"GRADUATED", "EXITED"}) Residency.Status outcome,
            @Size(max = 500) @Schema(example = "Levée de fonds réalisée") String note) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "List residencies", description = "A startup token sees only its own. Cursor-paginated.")
    @APIResponse(responseCode = "200", description = "A page of residencies, oldest first",
            content = @Content(schema = @Schema(implementation = ResidencyPage.class)))
    public Response list(@QueryParam("siteCode") String siteCode, @QueryParam("status") Residency.Status status,
            @QueryParam("startupId") UUID startupId, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return Paging.ok(service.list(siteCode, status, startupId, PageRequest.of(limit, cursor)).map(View::of), uri);
    }

    @Schema(name = "ResidencyPage")
    public record ResidencyPage(List<View> items, @Schema(description = "Cursor of the next page, or null") String next) {
    }

    @GET
    @Path("/export")
    @Produces(CsvExport.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER})
    @Operation(summary = "Export residencies (CSV)", description = "Staff; a site manager gets their sites'. One line per "
            + "residency that ran at some point within from..to (inclusive), for one site or all.")
    @APIResponse(responseCode = "200", description = "The CSV file, streamed",
            content = @Content(mediaType = CsvExport.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Response residencies(@Size(max = 16) @QueryParam("siteCode") String siteCode, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        ExportScope.Filter f = scope.filter(siteCode, from, to);
        return csv.stream("residencies.csv", List.of("residencyId", "startupId", "brandName", "siteCode", "seats", "status",
                "admittedOn", "endedOn"), """
                SELECT r.id, r.startup_id, s.brand_name, r.site_code, r.seats, r.status,
                       to_char(r.admitted_at AT TIME ZONE 'Africa/Casablanca', 'YYYY-MM-DD'),
                       to_char(r.ended_at AT TIME ZONE 'Africa/Casablanca', 'YYYY-MM-DD')
                FROM residency r JOIN startup s ON s.id = r.startup_id
                WHERE (CAST(? AS text[]) IS NULL OR r.site_code = ANY (CAST(? AS text[])))
                  AND CAST(r.admitted_at AT TIME ZONE 'Africa/Casablanca' AS date) <= ?
                  AND (r.ended_at IS NULL OR CAST(r.ended_at AT TIME ZONE 'Africa/Casablanca' AS date) >= ?)
                ORDER BY r.admitted_at, r.id""", f.sites(), f.sites(), f.to(), f.from());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER, Roles.STARTUP})
    @Operation(summary = "Get a residency")
    @APIResponse(responseCode = "200", description = "The residency", content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Residency r = service.get(id);
        return Preconditions.conditionalGet(request, r.version, View.of(r));
    }

    @POST
    @Path("/{id}/arrival")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER})
    @Operation(summary = "The startup moves in", description = "admitted → resident")
    @APIResponse(responseCode = "200", description = "The residency", content = @Content(schema = @Schema(implementation = View.class)))
    public View arrive(@PathParam("id") UUID id) {
        return View.of(service.arrive(id));
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER})
    @Operation(summary = "End a residency", description = "graduated or exited; the site then frees the seats.")
    @APIResponse(responseCode = "200", description = "The residency", content = @Content(schema = @Schema(implementation = View.class)))
    public View end(@PathParam("id") UUID id, @NotNull @Valid End end) {
        return View.of(service.end(id, end.outcome()));
    }
}
