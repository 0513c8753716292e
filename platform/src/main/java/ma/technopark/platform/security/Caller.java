package ma.technopark.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, with the scope claims of their token. */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean anonymous() {
        return identity.isAnonymous();
    }

    public String subject() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public boolean admin() {
        return is(Roles.ADMIN);
    }

    /** Site codes a site-manager may manage. */
    public Set<String> sites() {
        Object claim = token().map(t -> t.getClaim("sites")).orElse(null);
        if (claim instanceof Collection<?> values) {
            return values.stream().map(v -> v.toString().replace("\"", "")).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.stream().map(v -> v.toString().replace("\"", "")).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    public Optional<String> startupId() {
        return stringClaim("startupId");
    }

    public Optional<String> partnerId() {
        return stringClaim("partnerId");
    }

    private Optional<String> stringClaim(String name) {
        return token().map(t -> t.<Object>getClaim(name)).map(v -> v.toString().replace("\"", ""));
    }

    private Optional<JsonWebToken> token() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Optional.of(jwt) : Optional.empty();
    }
}
