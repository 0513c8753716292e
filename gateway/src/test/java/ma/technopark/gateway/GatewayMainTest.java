package ma.technopark.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.Security;
import ma.technopark.gateway.backend.BackendAddresses;
import org.junit.jupiter.api.Test;

/** The JDK's name cache in the gateway; {@code GatewaySystemTest} shows its effect on a running gateway. */
class GatewayMainTest {
    private static final String SET_HERE = Long.toString(BackendAddresses.JDK_CACHE.toSeconds());

    @Test
    void theJdkKeepsANamesAnswerLessThanTheGatewayTakesToLookItUpAgain() {
        String before = Security.getProperty(GatewayMain.CACHE_TTL);
        assumeTrue(before == null || before.equals(SET_HERE), "this JDK's java.security sets the cache itself: " + before);
        GatewayMain.keepNamesShort();
        assertEquals(SET_HERE, Security.getProperty(GatewayMain.CACHE_TTL));
    }

    @Test
    void anOperatorsOwnSettingIsKept() {
        String before = Security.getProperty(GatewayMain.CACHE_TTL);
        System.setProperty(GatewayMain.CACHE_TTL_PROPERTY, "60");
        try {
            GatewayMain.keepNamesShort();
            assertEquals(before, Security.getProperty(GatewayMain.CACHE_TTL));
        } finally {
            System.clearProperty(GatewayMain.CACHE_TTL_PROPERTY);
        }
    }
}
