package ma.technopark.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token parser of every app, remembering the tokens it verified: a client sends the same token with
 * each request, and checking its RSA signature each time was a fifth of the CPU of a list request (bench/README.md).
 * A token is reused for at most {@link #TTL_MILLIS} and never past its own expiry; only good tokens are kept (a bad
 * one is checked, and refused, every time); the map is bounded, a token over {@link #MAX_TOKEN_CHARS} is not kept.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {
    static final long TTL_MILLIS = 60_000;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_TOKEN_CHARS = 8_192;

    private record Entry(JsonWebToken token, long until) {
    }

    private final JWTParser delegate;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser delegate) {
        this(delegate, System::currentTimeMillis);
    }

    VerifiedTokens(JWTParser delegate, LongSupplier clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.getAsLong();
        Entry entry = verified.get(token);
        if (entry != null) {
            if (now < entry.until()) {
                return entry.token();
            }
            verified.remove(token, entry);
        }
        JsonWebToken jwt = delegate.parse(token);
        remember(token, jwt, now);
        return jwt;
    }

    private void remember(String token, JsonWebToken jwt, long now) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return;
        }
        long expiry = jwt.getExpirationTime() > 0 ? jwt.getExpirationTime() * 1000L : now;
        long until = Math.min(now + TTL_MILLIS, expiry);
        if (until <= now) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(e -> e.until() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                return; // full of live tokens: verify this one each time rather than grow
            }
        }
        verified.put(token, new Entry(jwt, until));
    }

    int size() {
        return verified.size();
    }

    // Everything else is the delegate's, uncached: only the apps' own bearer-token check goes through parse(String).

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
