package ma.technopark.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import ma.technopark.infra.Infra;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database and a real Kafka broker, like Dev Services but
 * without containers: started once per test JVM, or taken from {@code QUARKUS_DATASOURCE_JDBC_URL} and
 * {@code KAFKA_BOOTSTRAP_SERVERS} when those point at external ones. Init arg {@code database}: the
 * service's database name.
 */
public class InfraResource implements QuarkusTestResourceLifecycleManager {
    private String database = "sites";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Infra infra = Infra.sharedForTests();
        TestInfra.use(infra, database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(database));
        config.put("quarkus.datasource.username", infra.username());
        config.put("quarkus.datasource.password", infra.password());
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; stopped when the JVM exits
    }
}
