package ma.technopark.sites;

import io.quarkus.test.junit.QuarkusTest;
import ma.technopark.testing.ServiceOperationsTests;

@QuarkusTest
class OperationsTest extends ServiceOperationsTests {
}
