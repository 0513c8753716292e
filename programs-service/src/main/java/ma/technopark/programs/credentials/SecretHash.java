package ma.technopark.programs.credentials;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Client secrets: made at random, shown once, kept as {@code pbkdf2-sha256$iterations$salt$hash}. */
final class SecretHash {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 60_000;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private SecretHash() {
    }

    /** A new secret: 32 random bytes, URL-safe, with a prefix that makes it recognisable in a leak scanner. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "tps_" + B64.encodeToString(bytes);
    }

    static String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derive(secret, salt, ITERATIONS));
    }

    static boolean matches(String secret, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
        byte[] actual = derive(secret, Base64.getUrlDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
