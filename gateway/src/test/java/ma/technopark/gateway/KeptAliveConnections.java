package ma.technopark.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class that implements this runs its tests' requests on kept-alive connections ({@link KeptAlive}), and
 * fails unless some of them took the gateway's Netty lane.
 */
interface KeptAliveConnections {

    @BeforeEach
    default void keepConnectionsAlive() {
        KeptAlive.begin();
    }

    @AfterEach
    default void backToAConnectionPerRequest() {
        KeptAlive.end();
    }

    @AfterAll
    static void laneTaken() {
        KeptAlive.assertLaneTaken();
    }
}
