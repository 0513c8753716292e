package ma.technopark.programs;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import ma.technopark.testing.InfraResource;

/** Every test of this module runs on a real PostgreSQL database ({@code programs}) and Kafka broker. */
@QuarkusTestResource(value = InfraResource.class, initArgs = @ResourceArg(name = "database", value = "programs"))
public final class ProgramsTestInfra {
    private ProgramsTestInfra() {
    }
}
