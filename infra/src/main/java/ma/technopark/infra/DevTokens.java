package ma.technopark.infra;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Mints bearer tokens with the dev-only key pair, for local runs and tests. The services accept this key
 * only outside the prod profile; in prod they refuse to start with it.
 */
public final class DevTokens {
    public static final String ISSUER = "https://dev.technopark.local";
    public static final String AUDIENCE = "technopark";

    private static volatile PrivateKey key;

    private DevTokens() {
    }

    public static Builder subject(String subject) {
        return new Builder(subject);
    }

    public static String admin() {
        return subject("admin@dev.technopark.local").groups("admin").sign();
    }

    public static PrivateKey privateKey() {
        if (key == null) {
            key = loadKey();
        }
        return key;
    }

    /** The dev-only private key as PEM text (local runs hand it to programs-service to sign partner tokens). */
    public static String privateKeyPem() {
        try (InputStream in = DevTokens.class.getResourceAsStream("dev-keys/dev-private.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getResourceAsStream("dev-keys/dev-private.pem")) {
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token under construction: groups, scope claims, lifetime. */
    public static final class Builder {
        private final String subject;
        private Collection<String> groups = List.of();
        private Collection<String> sites;
        private String startupId;
        private String partnerId;
        private Duration lifetime = Duration.ofHours(8);
        private String issuer = ISSUER;
        private String audience = AUDIENCE;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder groups(String... groups) {
            this.groups = List.of(groups);
            return this;
        }

        public Builder sites(String... sites) {
            this.sites = List.of(sites);
            return this;
        }

        public Builder startupId(String startupId) {
            this.startupId = startupId;
            return this;
        }

        public Builder partnerId(String partnerId) {
            this.partnerId = partnerId;
            return this;
        }

        /** A negative lifetime makes a token that has already expired. */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public String sign() {
            return sign(privateKey());
        }

        public String sign(PrivateKey signingKey) {
            long now = System.currentTimeMillis() / 1000;
            long exp = now + lifetime.toSeconds();
            JwtClaimsBuilder claims = Jwt.issuer(issuer).audience(audience).subject(subject)
                    .upn(subject).groups(Set.copyOf(groups))
                    .issuedAt(lifetime.isNegative() ? exp - 60 : now).expiresAt(exp);
            if (sites != null) {
                claims.claim("sites", List.copyOf(sites));
            }
            if (startupId != null) {
                claims.claim("startupId", startupId);
            }
            if (partnerId != null) {
                claims.claim("partnerId", partnerId);
            }
            return claims.jws().keyId("technopark-dev").sign(signingKey);
        }
    }
}
