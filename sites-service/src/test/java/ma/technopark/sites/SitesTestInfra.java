package ma.technopark.sites;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import ma.technopark.testing.InfraResource;

/** Every test of this module runs on a real PostgreSQL database ({@code sites}) and Kafka broker. */
@QuarkusTestResource(value = InfraResource.class, initArgs = @ResourceArg(name = "database", value = "sites"))
public final class SitesTestInfra {
    private SitesTestInfra() {
    }
}
