package ma.technopark.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Typed;

/** {@link EdgeTest} on kept-alive connections: after a connection's first request, through the gateway's Netty lane. */
@QuarkusTest
@QuarkusTestResource(StandInBackends.class)
@Typed(EdgeKeptAliveTest.class) // a bean of its own class only: the test it extends stays one bean
class EdgeKeptAliveTest extends EdgeTest implements KeptAliveConnections {
}
