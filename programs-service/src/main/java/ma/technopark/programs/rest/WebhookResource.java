package ma.technopark.programs.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.webhooks.WebhookSubscription;
import ma.technopark.programs.webhooks.Webhooks;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/webhook-subscriptions")
@Tag(name = "Webhooks", description = "Partner systems subscribe to events and receive them signed (HMAC-SHA256), retried for over 24 hours")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.PARTNER})
public class WebhookResource {
    private final Webhooks webhooks;

    public WebhookResource(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Schema(name = "WebhookSubscriptionRequest")
    public record SubscriptionRequest(
            @NotBlank @Size(max = 2000) @Schema(example = "https://partner.example/technopark/events") String url,
            @NotEmpty @Size(max = 50) @Schema(example = "[\"programs.enrolment.accepted\", \"startups.kpi.reported\"]") List<@NotBlank String> eventTypes,
            @Size(max = 20) @Schema(description = "Only events about these sites (their siteCode or homeSiteCode)") List<@NotBlank String> siteCodes,
            @Schema(description = "Admin only: the partner subscribing; a partner token subscribes for itself") UUID partnerId) {
    }

    @Schema(name = "WebhookSubscription")
    public record SubscriptionView(UUID id, UUID partnerId, String url, List<String> eventTypes, List<String> siteCodes,
            @Schema(enumeration = {"ACTIVE", "DISABLED"}) String status, int consecutiveFailures, OffsetDateTime disabledAt,
            OffsetDateTime createdAt,
            @Schema(description = "The signing secret: shown when created or rotated only") String secret, long version) {
        static SubscriptionView of(WebhookSubscription s, String secret) {
            return new SubscriptionView(s.id, s.partnerId, s.url, List.of(s.eventTypes), List.of(s.siteCodes), s.status.name(),
                    s.consecutiveFailures, s.disabledAt, s.createdAt, secret, s.version);
        }
    }

    @Schema(name = "WebhookSecret")
    public record SecretView(String secret) {
    }

    @POST
    @Operation(summary = "Subscribe to events", description = "A partner, for itself (an admin names the partner). The URL "
            + "must point at a public address (400 on url otherwise). Answers the signing secret, shown only now.")
    @APIResponse(responseCode = "201", description = "Subscribed", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    public Response subscribe(@NotNull @Valid SubscriptionRequest r) {
        WebhookSubscription s = webhooks.subscribe(r.partnerId(), r.url(), r.eventTypes(), r.siteCodes());
        return Response.status(201).header("Cache-Control", "no-store").entity(SubscriptionView.of(s, s.secret)).build();
    }

    @GET
    @Operation(summary = "List subscriptions", description = "A partner's own; all for an admin.")
    @APIResponse(responseCode = "200", description = "Subscriptions",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class, type = SchemaType.ARRAY)))
    public List<SubscriptionView> list() {
        return webhooks.list().stream().map(s -> SubscriptionView.of(s, null)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a subscription")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        WebhookSubscription s = webhooks.get(id);
        return Preconditions.conditionalGet(request, s.version, SubscriptionView.of(s, null));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unsubscribe", description = "Requires If-Match (the ETag of its GET; its failures and re-enabling move it). "
            + "Its pending deliveries are dropped.")
    @APIResponse(responseCode = "204", description = "Unsubscribed")
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        webhooks.get(id); // another partner's subscription is a 404, whatever the preconditions
        webhooks.delete(id, Preconditions.requireIfMatch(headers));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret-rotation")
    @Operation(summary = "Rotate the signing secret", description = "The new secret signs every delivery from now on.")
    @APIResponse(responseCode = "200", description = "The new secret", content = @Content(schema = @Schema(implementation = SecretView.class)))
    public Response rotate(@PathParam("id") UUID id) {
        return Response.ok(new SecretView(webhooks.rotateSecret(id))).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{id}/enabling")
    @Operation(summary = "Enable a subscription again", description = "After it was disabled by a run of failures; its "
            + "pending deliveries go out now.")
    @APIResponse(responseCode = "200", description = "Enabled", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    public SubscriptionView enable(@PathParam("id") UUID id) {
        return SubscriptionView.of(webhooks.enable(id), null);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "Deliveries and their attempts", description = "The 100 newest, each with every attempt (status "
            + "code or error, duration). A finished delivery (delivered, or given up) is kept 30 days, then deleted with its "
            + "attempts; a pending one stays.")
    @APIResponse(responseCode = "200", description = "Deliveries, newest first",
            content = @Content(schema = @Schema(implementation = Webhooks.Delivery.class, type = SchemaType.ARRAY)))
    public List<Webhooks.Delivery> deliveries(@PathParam("id") UUID id) {
        return webhooks.deliveries(id, null);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redelivery")
    @Operation(summary = "Deliver one event again", description = "Whatever became of it: a new cycle of attempts.")
    @APIResponse(responseCode = "200", description = "Queued", content = @Content(schema = @Schema(implementation = Webhooks.Delivery.class)))
    public Webhooks.Delivery redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return webhooks.redeliver(id, deliveryId);
    }
}
