package ma.technopark.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The remembered tokens: reused within their lifetime and a minute, never past their expiry; bad ones never kept. */
class VerifiedTokensTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final AtomicInteger verifications = new AtomicInteger();
    private final Map<String, Long> expiries = new java.util.HashMap<>();
    private final VerifiedTokens tokens = new VerifiedTokens(new DefaultJWTParser() {
        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications.incrementAndGet();
            Long exp = expiries.get(token);
            if (exp == null) {
                throw new ParseException("bad signature");
            }
            return jwt(token, exp);
        }
    }, now::get);

    @Test
    void verifiesATokenOnceWithinAMinute() throws Exception {
        expiries.put("a", now.get() / 1000 + 900);
        JsonWebToken first = tokens.parse("a");
        now.addAndGet(30_000);
        assertSame(first, tokens.parse("a"));
        assertEquals(1, verifications.get());
        now.addAndGet(31_000);
        tokens.parse("a");
        assertEquals(2, verifications.get(), "checked again after a minute");
    }

    @Test
    void neverServesATokenPastItsExpiry() throws Exception {
        expiries.put("short", now.get() / 1000 + 5);
        tokens.parse("short");
        now.addAndGet(4_000);
        tokens.parse("short");
        assertEquals(1, verifications.get());
        now.addAndGet(2_000);
        expiries.remove("short"); // the real parser now refuses it as expired
        assertThrows(ParseException.class, () -> tokens.parse("short"));
    }

    @Test
    void badTokensAreCheckedEveryTimeAndNotKept() {
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(2, verifications.get());
        assertEquals(0, tokens.size());
    }

    private static JsonWebToken jwt(String raw, long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "user";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp", "raw_token");
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String claim) {
                return (T) ("exp".equals(claim) ? (Object) exp : "raw_token".equals(claim) ? raw : null);
            }
        };
    }
}
