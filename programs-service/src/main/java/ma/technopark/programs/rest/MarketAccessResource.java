package ma.technopark.programs.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.paging.Paging;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.Introduction;
import ma.technopark.programs.Opportunity;
import ma.technopark.programs.service.MarketAccessService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Funding and market access: opportunities and introductions. */
public final class MarketAccessResource {
    private MarketAccessResource() {
    }

    @Schema(name = "OpportunityRequest")
    public record OpportunityRequest(@NotNull @Schema(example = "GRANT") Opportunity.Kind kind,
            @NotBlank @Size(max = 200) @Schema(example = "Subvention innovation tourisme") String title,
            @Size(max = 4000) String description, UUID partnerId, @Schema(example = "2027-06-30") LocalDate deadline,
            @NotEmpty @Schema(example = "[\"EARLY_REVENUE\"]") Set<ProgrammeRecords.@NotNull Stage> eligibleStages) {
    }

    @Schema(name = "Opportunity")
    public record OpportunityView(UUID id, Opportunity.Kind kind, String title, String description, UUID partnerId,
            LocalDate deadline, List<String> eligibleStages) {
        static OpportunityView of(Opportunity o) {
            return new OpportunityView(o.id, o.kind, o.title, o.description, o.partnerId, o.deadline, List.of(o.eligibleStages));
        }
    }

    @Schema(name = "IntroductionRequest")
    public record IntroductionRequest(@NotNull @Schema(example = "0190c2a4-5b1e-7c3d-9f00-1a2b3c4d5e6f") UUID startupId,
            @NotNull UUID partnerId, UUID opportunityId) {
    }

    @Schema(name = "IntroductionStep")
    public record IntroductionStep(@NotNull @Schema(example = "MET", enumeration = {"ACCEPTED", "MET", "CLOSED"}) Introduction.Status status,
            @Size(max = 1000) @Schema(example = "Term sheet signé") String outcome) {
    }

    @Schema(name = "Introduction")
    public record IntroductionView(UUID id, UUID startupId, UUID partnerId, UUID opportunityId, Introduction.Status status,
            String outcome, OffsetDateTime updatedAt, long version) {
        static IntroductionView of(Introduction i) {
            return new IntroductionView(i.id, i.startupId, i.partnerId, i.opportunityId, i.status, i.outcome, i.updatedAt, i.version);
        }
    }

    @Schema(name = "IntroductionPage")
    public record IntroductionPage(List<IntroductionView> items, @Schema(description = "Cursor of the next page, or null") String next) {
    }

    @Path("/api/v1/opportunities")
    @Tag(name = "Market access", description = "Funding and market opportunities, and introductions to partners")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public static class Opportunities {
        private final MarketAccessService service;

        public Opportunities(MarketAccessService service) {
            this.service = service;
        }

        @GET
        @PermitAll
        @Operation(summary = "Open opportunities", description = "Public. Those whose deadline has not passed, soonest first "
                + "(those without a deadline last); by kind, by a stage they take (the startups at that stage are eligible) "
                + "and by partner, each when given.")
        @APIResponse(responseCode = "200", description = "Opportunities",
                content = @Content(schema = @Schema(implementation = OpportunityView.class, type = SchemaType.ARRAY)))
        public List<OpportunityView> list(@QueryParam("kind") Opportunity.Kind kind, @QueryParam("stage") ProgrammeRecords.Stage stage,
                @QueryParam("partnerId") UUID partnerId) {
            return service.openOpportunities(kind, stage, partnerId).stream().map(OpportunityView::of).toList();
        }

        @GET
        @Path("/{id}")
        @PermitAll
        @Operation(summary = "Get an opportunity", description = "Public, its deadline passed or not.")
        @APIResponse(responseCode = "200", description = "The opportunity", content = @Content(schema = @Schema(implementation = OpportunityView.class)))
        @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
        public Response get(@PathParam("id") UUID id, @Context Request request) {
            Opportunity o = service.opportunity(id);
            return Preconditions.conditionalGet(request, o.version, OpportunityView.of(o));
        }

        @POST
        @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
        @Operation(summary = "Publish an opportunity")
        @APIResponse(responseCode = "201", description = "Published", content = @Content(schema = @Schema(implementation = OpportunityView.class)))
        public Response create(@NotNull @Valid OpportunityRequest request, @Context UriInfo uri) {
            Opportunity o = service.create(request);
            return Response.created(uri.getAbsolutePathBuilder().path(o.id.toString()).build()).tag(Preconditions.etag(o.version))
                    .entity(OpportunityView.of(o)).build();
        }

        @PUT
        @Path("/{id}")
        @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
        @Operation(summary = "Replace an opportunity's details", description = "Requires If-Match. The deadline is today or "
                + "later (moving it lists a passed opportunity again).")
        @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = OpportunityView.class)))
        public Response update(@PathParam("id") UUID id, @NotNull @Valid OpportunityRequest request, @Context HttpHeaders headers) {
            Opportunity o = service.update(id, Preconditions.requireIfMatch(headers), request);
            return Response.ok(OpportunityView.of(o)).tag(Preconditions.etag(o.version)).build();
        }
    }

    @Path("/api/v1/introductions")
    @Tag(name = "Market access")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROGRAMME_MANAGER})
    public static class Introductions {
        private final MarketAccessService service;

        public Introductions(MarketAccessService service) {
            this.service = service;
        }

        @POST
        @Operation(summary = "Propose an introduction", description = "Between a startup this service knows and a partner.")
        @APIResponse(responseCode = "201", description = "Proposed", content = @Content(schema = @Schema(implementation = IntroductionView.class)))
        public Response propose(@NotNull @Valid IntroductionRequest request, @Context UriInfo uri) {
            Introduction i = service.propose(request);
            return Response.created(uri.getAbsolutePathBuilder().path(i.id.toString()).build()).entity(IntroductionView.of(i)).build();
        }

        @GET
        @Operation(summary = "List introductions", description = "By startup, partner and status, each when given. Cursor-paginated.")
        @APIResponse(responseCode = "200", description = "A page of introductions, oldest first",
                content = @Content(schema = @Schema(implementation = IntroductionPage.class)))
        public Response list(@QueryParam("startupId") UUID startupId, @QueryParam("partnerId") UUID partnerId,
                @QueryParam("status") Introduction.Status status, @QueryParam("limit") Integer limit,
                @QueryParam("cursor") String cursor, @Context UriInfo uri) {
            return Paging.ok(service.introductions(startupId, partnerId, status, PageRequest.of(limit, cursor))
                    .map(IntroductionView::of), uri);
        }

        @GET
        @Path("/{id}")
        @Operation(summary = "Get an introduction")
        @APIResponse(responseCode = "200", description = "The introduction", content = @Content(schema = @Schema(implementation = IntroductionView.class)))
        @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
        public Response get(@PathParam("id") UUID id, @Context Request request) {
            Introduction i = service.introduction(id);
            return Preconditions.conditionalGet(request, i.version, IntroductionView.of(i));
        }

        @POST
        @Path("/{id}/progress")
        @Operation(summary = "Move an introduction on", description = "proposed → accepted → met → closed (with its outcome); "
                + "closing publishes the outcome.")
        @APIResponse(responseCode = "200", description = "Moved", content = @Content(schema = @Schema(implementation = IntroductionView.class)))
        public IntroductionView progress(@PathParam("id") UUID id, @NotNull @Valid IntroductionStep step) {
            return IntroductionView.of(service.progress(id, step.status(), step.outcome()));
        }
    }
}
