package ma.technopark.startups.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import ma.technopark.platform.export.CsvExport;
import ma.technopark.platform.export.ExportScope;
import ma.technopark.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** CSV export of KPI reports for funders, by site and period, streamed (residencies: {@link ResidencyResource}). */
@Path("/api/v1/kpi-reports")
@Tag(name = "Exports", description = "CSV downloads for funders (UTF-8 with BOM), streamed")
public class ExportResource {
    private final CsvExport csv;
    private final ExportScope scope;

    public ExportResource(CsvExport csv, ExportScope scope) {
        this.csv = csv;
        this.scope = scope;
    }

    @GET
    @Path("/export")
    @Produces(CsvExport.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER, Roles.SITE_MANAGER})
    @Operation(summary = "Export KPI reports (CSV)", description = "Staff; a site manager gets the startups of their sites. "
            + "One line per startup and quarter whose quarter starts within from..to (inclusive), for one site or all.")
    @APIResponse(responseCode = "200", description = "The CSV file, streamed",
            content = @Content(mediaType = CsvExport.MEDIA_TYPE, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response kpiReports(@Size(max = 16) @QueryParam("siteCode") String siteCode, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        ExportScope.Filter f = scope.filter(siteCode, from, to);
        return csv.stream("kpi-reports.csv", List.of("startupId", "brandName", "legalName", "ice", "siteCode", "year", "quarter",
                "revenueMad", "employees", "fundsRaisedMad", "customers", "reportedAt"), """
                SELECT s.id, s.brand_name, s.legal_name, s.ice, s.home_site_code, k.year, k.quarter, k.revenue_mad,
                       k.employees, k.funds_raised_mad, k.customers,
                       to_char(k.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                FROM kpi_report k JOIN startup s ON s.id = k.startup_id
                WHERE (CAST(? AS text[]) IS NULL OR s.home_site_code = ANY (CAST(? AS text[])))
                  AND make_date(k.year, (k.quarter - 1) * 3 + 1, 1) BETWEEN ? AND ?
                ORDER BY k.year, k.quarter, s.brand_name, k.id""", f.sites(), f.sites(), f.from(), f.to());
    }
}
