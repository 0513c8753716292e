package ma.technopark.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.security.Security;
import ma.technopark.gateway.backend.BackendAddresses;

/**
 * The gateway's entry point: Quarkus' own start, after one JDK setting that must come before any name is looked up.
 *
 * <p>The JDK keeps a name's answer for 30 s, and reads how long only once, at its first look-up; {@link BackendAddresses}
 * looks each backend's name up every 5 s to follow its replicas, and would get the same stale answer for 30 s. So the
 * gateway keeps answers for less than that, unless its operator set {@code networkaddress.cache.ttl} (a security
 * property) or {@code sun.net.inetaddr.ttl} (a system property) on their own.
 */
@QuarkusMain
public final class GatewayMain {
    static final String CACHE_TTL = "networkaddress.cache.ttl";
    static final String CACHE_TTL_PROPERTY = "sun.net.inetaddr.ttl";

    private GatewayMain() {
    }

    public static void main(String... args) {
        keepNamesShort();
        Quarkus.run(args);
    }

    static void keepNamesShort() {
        if (Security.getProperty(CACHE_TTL) == null && System.getProperty(CACHE_TTL_PROPERTY) == null) {
            Security.setProperty(CACHE_TTL, Long.toString(BackendAddresses.JDK_CACHE.toSeconds()));
        }
    }
}
