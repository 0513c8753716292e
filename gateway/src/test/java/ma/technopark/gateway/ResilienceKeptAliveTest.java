package ma.technopark.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Typed;

/** {@link ResilienceTest} on kept-alive connections: after a connection's first request, through the gateway's Netty lane. */
@QuarkusTest
@QuarkusTestResource(StandInBackends.class)
@Typed(ResilienceKeptAliveTest.class) // a bean of its own class only: the test it extends stays one bean
class ResilienceKeptAliveTest extends ResilienceTest implements KeptAliveConnections {
}
