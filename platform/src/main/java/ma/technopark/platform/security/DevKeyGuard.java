package ma.technopark.platform.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dev-only signing key is for local runs and tests. In the prod profile a service refuses to start
 * when its verification key is the dev key, or when it has none.
 */
@ApplicationScoped
public class DevKeyGuard {
    static final String DEV_KEY = "dev-keys/dev-public.pem";

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> location;

    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> inlineKey;

    @ConfigProperty(name = "quarkus.profile", defaultValue = "prod")
    String profile;

    void check(@Observes StartupEvent event) throws IOException {
        if (LaunchMode.current() != LaunchMode.NORMAL || !"prod".equals(profile)) {
            return;
        }
        String configured = configuredKey();
        if (configured == null) {
            throw new IllegalStateException("No JWT verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                    + "(and MP_JWT_VERIFY_ISSUER) in production");
        }
        if (normalise(configured).equals(normalise(devKey()))) {
            throw new IllegalStateException("The dev-only JWT key is refused in the prod profile: "
                    + "set MP_JWT_VERIFY_PUBLICKEY_LOCATION to your issuer's key");
        }
    }

    private String configuredKey() throws IOException {
        if (inlineKey.isPresent() && !inlineKey.get().isBlank()) {
            return inlineKey.get();
        }
        if (location.isEmpty() || location.get().isBlank()) {
            return null;
        }
        String where = location.get();
        if (where.equals(DEV_KEY) || where.endsWith("/" + DEV_KEY) || where.equals("classpath:" + DEV_KEY)) {
            return devKey();
        }
        if (where.startsWith("http")) {
            return "remote:" + where;
        }
        Path path = Path.of(where.replaceFirst("^file:", ""));
        return Files.exists(path) ? Files.readString(path) : "missing:" + where;
    }

    private static String devKey() throws IOException {
        try (InputStream in = DevKeyGuard.class.getClassLoader().getResourceAsStream(DEV_KEY)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String normalise(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
