package ma.technopark.programs;

import io.quarkus.test.junit.QuarkusTest;
import ma.technopark.testing.OpenApiContractTests;

@QuarkusTest
class OpenApiDocumentTest extends OpenApiContractTests {
    @Override
    protected int minimumOperations() {
        return 20;
    }
}
