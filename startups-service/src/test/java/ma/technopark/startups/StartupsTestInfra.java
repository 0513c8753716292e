package ma.technopark.startups;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import ma.technopark.testing.InfraResource;

/** Every test of this module runs on a real PostgreSQL database ({@code startups}) and Kafka broker. */
@QuarkusTestResource(value = InfraResource.class, initArgs = @ResourceArg(name = "database", value = "startups"))
public final class StartupsTestInfra {
    private StartupsTestInfra() {
    }
}
