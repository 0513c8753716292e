package ma.technopark.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The platform's infrastructure: one PostgreSQL server (a database per service) and one Kafka broker.
 * Either started here, or external ones named by the usual environment variables
 * ({@code QUARKUS_DATASOURCE_JDBC_URL} with {@code _USERNAME} and {@code _PASSWORD}; {@code KAFKA_BOOTSTRAP_SERVERS}).
 */
public final class Infra implements AutoCloseable {
    public static final String[] DATABASES = {"sites", "startups", "programs"};

    private static Infra shared;

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final String externalJdbcBase;
    private final String externalUser;
    private final String externalPassword;
    private final String externalKafka;

    private Infra(PostgresServer postgres, KafkaBroker kafka, Map<String, String> env) {
        this.postgres = postgres;
        this.kafka = kafka;
        String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        this.externalJdbcBase = url == null || url.isBlank() ? null : url.substring(0, url.lastIndexOf('/') + 1);
        this.externalUser = env.getOrDefault("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        this.externalPassword = env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        this.externalKafka = bootstrap == null || bootstrap.isBlank() ? null : bootstrap;
    }

    /**
     * Infrastructure in {@code dataDir}, kept between runs, on the given ports; external servers
     * replace the embedded ones where the environment names them.
     */
    public static Infra at(Path dataDir, int postgresPort, int kafkaPort, int controllerPort) {
        return at(dataDir, postgresPort, kafkaPort, controllerPort, true);
    }

    /** As {@link #at(Path, int, int, int)}; {@code durable} false turns PostgreSQL's disk flushes off (tests only). */
    public static Infra at(Path dataDir, int postgresPort, int kafkaPort, int controllerPort, boolean durable) {
        return new Infra(new PostgresServer(dataDir.resolve("postgres"), postgresPort, durable)
                .logTo(dataDir.resolve("logs").resolve("postgres.log")),
                new KafkaBroker(dataDir.resolve("kafka"), kafkaPort, controllerPort), System.getenv());
    }

    /** One throw-away infrastructure per JVM, on free ports, for tests. */
    public static synchronized Infra sharedForTests() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("technopark-infra-");
                // throw-away data: PostgreSQL without disk flushes, for speed
                shared = at(dir, Ports.free(), Ports.free(), Ports.free(), false).start();
                Infra infra = shared;
                Processes.onExit(() -> {
                    infra.close();
                    try { // about 230 MB a test JVM, which piled up in the temporary folder
                        Processes.deleteTree(dir);
                    } catch (java.io.IOException e) {
                        System.err.println("could not delete " + dir + ": " + e.getMessage());
                    }
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** The run command's infrastructure: see {@link KafkaBroker#startQuickly(Path)} (its archive goes in {@code dir}, null: none). */
    public Infra startQuickly(Path dir) {
        kafka.startQuickly(dir);
        return this;
    }

    /**
     * A first start (an empty data folder) copies the fresh data the build made in {@code template} (see
     * {@link InfraTemplate}) instead of making it again; null: none.
     */
    public Infra seededFrom(Path template) {
        if (template != null) {
            postgres.seededFrom(template.resolve(InfraTemplate.POSTGRES));
            kafka.seededFrom(template.resolve(InfraTemplate.KAFKA));
        }
        return this;
    }

    /** Starts PostgreSQL (with the services' databases) and the broker side by side, and waits for both. */
    public Infra start() {
        CompletableFuture<Void> pg = CompletableFuture.completedFuture(null);
        if (externalJdbcBase == null) {
            pg = CompletableFuture.runAsync(() -> {
                postgres.start();
                if (!postgres.running()) {
                    throw new IllegalStateException("PostgreSQL did not start");
                }
                for (String db : DATABASES) {
                    postgres.ensureDatabase(db);
                }
            }, task -> new Thread(task, "postgres-start").start());
        }
        if (externalKafka == null) {
            kafka.start();
        }
        try {
            pg.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return this;
    }

    public boolean embeddedPostgres() {
        return externalJdbcBase == null;
    }

    public boolean embeddedKafka() {
        return externalKafka == null;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public String jdbcUrl(String database) {
        return externalJdbcBase != null ? externalJdbcBase + database : postgres.jdbcUrl(database);
    }

    public String username() {
        return externalJdbcBase != null ? externalUser : PostgresServer.USER;
    }

    public String password() {
        return externalJdbcBase != null ? externalPassword : PostgresServer.PASSWORD;
    }

    public String bootstrapServers() {
        return externalKafka != null ? externalKafka : kafka.bootstrapServers();
    }

    /** The environment a service needs to reach its database and the broker. */
    public Map<String, String> serviceEnvironment(String database) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", username(),
                "QUARKUS_DATASOURCE_PASSWORD", password(),
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
    }

    @Override
    public void close() {
        if (externalKafka == null) {
            kafka.stop();
        }
        if (externalJdbcBase == null) {
            postgres.stop();
        }
    }
}
