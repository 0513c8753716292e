package ma.technopark.programs.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.credentials.PartnerClient;
import ma.technopark.programs.credentials.PartnerCredentials;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Partner systems' credentials: issued and revoked by an admin, exchanged for short-lived tokens. */
public final class PartnerClientResource {
    private PartnerClientResource() {
    }

    @Schema(name = "PartnerClient", description = "A partner system's credentials (the secret only when issued)")
    public record ClientView(UUID clientId, UUID partnerId, String name, OffsetDateTime createdAt, OffsetDateTime revokedAt,
            OffsetDateTime lastUsedAt, @Schema(description = "Shown once, when issued; kept only as a hash") String clientSecret) {
        static ClientView of(PartnerClient c, String secret) {
            return new ClientView(c.id, c.partnerId, c.name, c.createdAt, c.revokedAt, c.lastUsedAt, secret);
        }
    }

    @Schema(name = "PartnerClientRequest")
    public record ClientRequest(@NotBlank @Size(max = 120) @Schema(example = "INDH reporting system") String name) {
    }

    @Schema(name = "PartnerToken", description = "OAuth 2.0 token response (RFC 6749 section 5.1)")
    public record TokenView(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
    }

    @Path("/api/v1/partners/{partnerId}/clients")
    @Tag(name = "Partners")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public static class Clients {
        private final PartnerCredentials credentials;

        public Clients(PartnerCredentials credentials) {
            this.credentials = credentials;
        }

        @POST
        @Operation(summary = "Issue credentials to a partner system", description = "Admin. Answers the client id and the "
                + "secret, which is shown only this once and stored hashed.")
        @APIResponse(responseCode = "201", description = "Issued", content = @Content(schema = @Schema(implementation = ClientView.class)))
        public Response issue(@PathParam("partnerId") UUID partnerId, @NotNull @Valid ClientRequest request) {
            PartnerCredentials.Issued issued = credentials.issue(partnerId, request.name());
            return Response.status(201).header("Cache-Control", "no-store")
                    .entity(ClientView.of(issued.client(), issued.secret())).build();
        }

        @GET
        @Operation(summary = "A partner's credentials", description = "Admin. Without their secrets.")
        @APIResponse(responseCode = "200", description = "Clients, oldest first",
                content = @Content(schema = @Schema(implementation = ClientView.class, type = SchemaType.ARRAY)))
        public List<ClientView> list(@PathParam("partnerId") UUID partnerId) {
            return credentials.clients(partnerId).stream().map(c -> ClientView.of(c, null)).toList();
        }

        @POST
        @Path("/{clientId}/revocation")
        @Operation(summary = "Revoke a partner system's credentials", description = "Admin. No new token can be had with "
                + "them; tokens already issued expire within their lifetime (15 minutes).")
        @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = ClientView.class)))
        public ClientView revoke(@PathParam("partnerId") UUID partnerId, @PathParam("clientId") UUID clientId) {
            return ClientView.of(credentials.revoke(partnerId, clientId), null);
        }
    }

    @Path("/api/v1/partner-tokens")
    @Tag(name = "Partners")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public static class Tokens {
        private final PartnerCredentials credentials;

        public Tokens(PartnerCredentials credentials) {
            this.credentials = credentials;
        }

        @POST
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        @Operation(summary = "Get a token for a partner system", description = "Public (the credentials are the proof). "
                + "OAuth 2.0 client credentials grant: grant_type=client_credentials, and client_id and client_secret in the "
                + "form or as HTTP Basic authentication. Answers a JWT with the partner role and the partner's id.")
        @APIResponse(responseCode = "200", description = "The token", content = @Content(schema = @Schema(implementation = TokenView.class)))
        public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                @FormParam("client_secret") String clientSecret, @HeaderParam("Authorization") String authorization) {
            if (!"client_credentials".equals(grantType)) {
                throw ApiException.invalid("grant_type", "must be client_credentials");
            }
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new ApiException(401, "invalid-client", "Unauthorized", "The Basic credentials cannot be read");
                }
                int colon = decoded.indexOf(':');
                clientId = colon < 0 ? decoded : decoded.substring(0, colon);
                clientSecret = colon < 0 ? null : decoded.substring(colon + 1);
            }
            PartnerCredentials.Token t = credentials.exchange(clientId, clientSecret);
            return Response.ok(new TokenView(t.accessToken(), t.tokenType(), t.expiresIn()))
                    .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
        }
    }
}
