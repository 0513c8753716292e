package ma.technopark.programs.credentials;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Caller;
import ma.technopark.platform.security.Roles;
import ma.technopark.programs.service.PartnerService;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Client credentials for partner systems (OAuth 2.0, RFC 6749 section 4.4): an admin issues a client id and a secret
 * for a partner (the secret is shown once and kept hashed), the system exchanges them for a short-lived JWT with the
 * partner role and its partnerId, and an admin can revoke them. Tokens already issued live until they expire.
 */
@ApplicationScoped
public class PartnerCredentials {
    /** The answer to a client's exchange. */
    public record Token(String accessToken, String tokenType, long expiresIn) {
    }

    /** A new client with its secret, which is never shown again. */
    public record Issued(PartnerClient client, String secret) {
    }

    private final PartnerService partners;
    private final Caller caller;
    private final Duration lifetime;
    private final String issuer;
    private final Optional<String> signingKey;
    private final Optional<String> signingKeyLocation;

    public PartnerCredentials(PartnerService partners, Caller caller,
            @ConfigProperty(name = "technopark.partner-tokens.lifetime", defaultValue = "15M") Duration lifetime,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signingKey,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signingKeyLocation) {
        this.partners = partners;
        this.caller = caller;
        this.lifetime = lifetime;
        this.issuer = issuer;
        this.signingKey = signingKey;
        this.signingKeyLocation = signingKeyLocation;
    }

    @Transactional
    public Issued issue(UUID partnerId, String name) {
        partners.partner(partnerId); // 404 for an unknown partner
        String secret = SecretHash.newSecret();
        PartnerClient c = new PartnerClient();
        c.id = Ids.newId();
        c.partnerId = partnerId;
        c.name = name;
        c.secretHash = SecretHash.hash(secret);
        c.createdBy = caller.subject();
        c.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.persist();
        return new Issued(c, secret);
    }

    public List<PartnerClient> clients(UUID partnerId) {
        partners.partner(partnerId);
        return PartnerClient.list("partnerId = ?1 ORDER BY id", partnerId);
    }

    @Transactional
    public PartnerClient revoke(UUID partnerId, UUID clientId) {
        PartnerClient c = PartnerClient.findById(clientId);
        if (c == null || !c.partnerId.equals(partnerId)) {
            throw ApiException.notFound("partner client", clientId);
        }
        if (c.revokedAt == null) {
            c.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        return c;
    }

    /** The exchange: a wrong, unknown or revoked client is a 401 that does not say which. */
    @Transactional
    public Token exchange(String clientId, String secret) {
        if (signingKey.isEmpty() && signingKeyLocation.isEmpty()) {
            throw ApiException.unavailable("Partner tokens are not configured on this platform (smallrye.jwt.sign.key.location)");
        }
        PartnerClient c = null;
        try {
            c = clientId == null ? null : PartnerClient.findById(UUID.fromString(clientId));
        } catch (IllegalArgumentException e) {
            c = null;
        }
        if (c == null || c.revokedAt != null || secret == null || !SecretHash.matches(secret, c.secretHash)) {
            throw new ApiException(401, "invalid-client", "Unauthorized", "The client id or secret is wrong, or revoked");
        }
        c.lastUsedAt = OffsetDateTime.now(ZoneOffset.UTC);
        String token = Jwt.issuer(issuer).audience("technopark").subject("partner-client:" + c.id)
                .upn("partner-client:" + c.id).groups(Set.of(Roles.PARTNER))
                .claim("partnerId", c.partnerId.toString()).claim("clientId", c.id.toString())
                .expiresIn(lifetime).sign();
        return new Token(token, "Bearer", lifetime.toSeconds());
    }
}
