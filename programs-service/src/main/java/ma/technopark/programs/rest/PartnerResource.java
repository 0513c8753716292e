package ma.technopark.programs.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.export.CsvExport;
import ma.technopark.platform.export.ExportScope;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.Convention;
import ma.technopark.programs.Partner;
import ma.technopark.programs.service.PartnerService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Partners, conventions and the beneficiaries credited to them. */
public final class PartnerResource {
    private PartnerResource() {
    }

    @Path("/api/v1/partners")
    @Tag(name = "Partners", description = "Councils, INDH, the ministry, banks, investors, corporates, universities")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.PARTNER})
    public static class Partners {
        private final PartnerService service;

        public Partners(PartnerService service) {
            this.service = service;
        }

        @GET
        @Operation(summary = "List partners")
        @APIResponse(responseCode = "200", description = "Partners by name",
                content = @Content(schema = @Schema(implementation = ProgrammeRecords.PartnerView.class, type = SchemaType.ARRAY)))
        public List<ProgrammeRecords.PartnerView> list() {
            return service.partners().stream().map(ProgrammeRecords.PartnerView::of).toList();
        }

        @GET
        @Path("/{id}")
        @Operation(summary = "Get a partner")
        @APIResponse(responseCode = "200", description = "The partner", content = @Content(schema = @Schema(implementation = ProgrammeRecords.PartnerView.class)))
        @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
        public Response get(@PathParam("id") UUID id, @Context Request request) {
            Partner p = service.partner(id);
            return Preconditions.conditionalGet(request, p.version, ProgrammeRecords.PartnerView.of(p));
        }

        @PUT
        @Path("/{id}")
        @RolesAllowed(Roles.ADMIN)
        @Operation(summary = "Replace a partner's details", description = "Admin. Name, kind and contact. Requires If-Match.")
        @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ProgrammeRecords.PartnerView.class)))
        public Response update(@PathParam("id") UUID id, @NotNull @Valid ProgrammeRecords.PartnerRequest request,
                @Context HttpHeaders headers) {
            Partner p = service.updatePartner(id, Preconditions.requireIfMatch(headers), request);
            return Response.ok(ProgrammeRecords.PartnerView.of(p)).tag(Preconditions.etag(p.version)).build();
        }

        @POST
        @RolesAllowed(Roles.ADMIN)
        @Operation(summary = "Register a partner", description = "Admin.")
        @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = ProgrammeRecords.PartnerView.class)))
        public Response create(@NotNull @Valid ProgrammeRecords.PartnerRequest request, @Context UriInfo uri) {
            Partner p = service.createPartner(request);
            return Response.created(uri.getAbsolutePathBuilder().path(p.id.toString()).build())
                    .tag(Preconditions.etag(p.version)).entity(ProgrammeRecords.PartnerView.of(p)).build();
        }
    }

    @Path("/api/v1/conventions")
    @Tag(name = "Conventions", description = "Agreements that operate sites and fund programmes, and their beneficiaries")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.PARTNER})
    public static class Conventions {
        private final PartnerService service;
        private final CsvExport csv;
        private final ExportScope scope;

        public Conventions(PartnerService service, CsvExport csv, ExportScope scope) {
            this.service = service;
            this.csv = csv;
            this.scope = scope;
        }

        @GET
        @Path("/{id}/beneficiaries/export")
        @Produces(CsvExport.MEDIA_TYPE)
        @Tag(name = "Conventions")
        @Operation(summary = "Export a convention's beneficiaries (CSV)", description = "Staff, or a partner that is a party "
                + "to the convention. One line per place held (accepted, active or completed) in a cohort of a programme the "
                + "convention funds, for cohorts at a site (optional) that run within from..to (inclusive). Streamed.")
        @APIResponse(responseCode = "200", description = "The CSV file, streamed",
                content = @Content(mediaType = CsvExport.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
        public Response exportBeneficiaries(@PathParam("id") UUID id, @Size(max = 16) @QueryParam("siteCode") String siteCode,
                @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
            Convention convention = service.convention(id); // 404 for a partner that is not a party to it
            ExportScope.Filter f = scope.anySite(siteCode, from, to);
            return csv.stream("beneficiaries-" + convention.id + ".csv", List.of("startupId", "brandName", "kind", "sector",
                    "stage", "homeSiteCode", "programmeCode", "cohort", "cohortSiteCode", "cohortStart", "cohortEnd", "status"), """
                    SELECT e.startup_id, r.brand_name, r.kind, r.sector, r.stage, r.home_site_code, p.code, co.name,
                           co.site_code, co.start_date, co.end_date, e.status
                    FROM enrolment e
                    JOIN cohort co ON co.id = e.cohort_id
                    JOIN programme p ON p.id = co.programme_id
                    JOIN programme_funding f ON f.programme_id = co.programme_id AND f.convention_id = ?
                    LEFT JOIN startup_replica r ON r.id = e.startup_id
                    WHERE e.status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED')
                      AND (CAST(? AS text[]) IS NULL OR co.site_code = ANY (CAST(? AS text[])))
                      AND co.start_date <= ? AND co.end_date >= ?
                    ORDER BY co.start_date, co.name, r.brand_name, e.id""", convention.id, f.sites(), f.sites(), f.to(), f.from());
        }

        @GET
        @Operation(summary = "List conventions", description = "A partner token sees those its partner is a party to.")
        @APIResponse(responseCode = "200", description = "Conventions",
                content = @Content(schema = @Schema(implementation = ProgrammeRecords.ConventionView.class, type = SchemaType.ARRAY)))
        public List<ProgrammeRecords.ConventionView> list() {
            return service.conventions().stream().map(ProgrammeRecords.ConventionView::of).toList();
        }

        @GET
        @Path("/{id}")
        @Operation(summary = "Get a convention")
        @APIResponse(responseCode = "200", description = "The convention",
                content = @Content(schema = @Schema(implementation = ProgrammeRecords.ConventionView.class)))
        @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
        public Response get(@PathParam("id") UUID id, @Context Request request) {
            Convention c = service.convention(id);
            return Preconditions.conditionalGet(request, c.version, ProgrammeRecords.ConventionView.of(c));
        }

        @POST
        @RolesAllowed(Roles.ADMIN)
        @Operation(summary = "Record a convention", description = "Admin. Parties, object, signature date, period, budget, targets.")
        @APIResponse(responseCode = "201", description = "Recorded",
                content = @Content(schema = @Schema(implementation = ProgrammeRecords.ConventionView.class)))
        public Response create(@NotNull @Valid ProgrammeRecords.ConventionRequest request, @Context UriInfo uri) {
            Convention c = service.createConvention(request);
            return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                    .entity(ProgrammeRecords.ConventionView.of(c)).build();
        }

        @GET
        @Path("/{id}/beneficiaries")
        @Operation(summary = "Beneficiaries credited to a convention",
                description = "Distinct startups holding a place in cohorts of the programmes it funds, against its target.")
        @APIResponse(responseCode = "200", description = "The count",
                content = @Content(schema = @Schema(implementation = ProgrammeRecords.Beneficiaries.class)))
        public ProgrammeRecords.Beneficiaries beneficiaries(@PathParam("id") UUID id) {
            return service.beneficiaries(id);
        }
    }

    @Path("/api/v1/beneficiary-figures")
    @Tag(name = "Network figures")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Figures {
        private final PartnerService service;

        public Figures(PartnerService service) {
            this.service = service;
        }

        @GET
        @PermitAll
        @Operation(summary = "The network's beneficiaries", description = "Public. Distinct startups holding a place in a "
                + "cohort, against the network's target (1,300 by default).")
        @APIResponse(responseCode = "200", description = "The count",
                content = @Content(schema = @Schema(implementation = ProgrammeRecords.Beneficiaries.class)))
        public ProgrammeRecords.Beneficiaries network() {
            return service.networkBeneficiaries();
        }
    }
}
