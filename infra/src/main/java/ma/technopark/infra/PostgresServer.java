package ma.technopark.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL 15 server started from the zonky binaries (no Docker, no system install).
 * Its data directory is kept between runs when the caller gives a persistent one.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDir;
    private final int port;
    private final boolean durable;
    private Path seed;
    private Path log;
    private EmbeddedPostgres postgres;

    /**
     * @param durable PostgreSQL's own defaults (every commit flushed to disk) when true; when false (tests),
     *                {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are off: faster, and a
     *                machine crash may lose or corrupt the data; a durable server also records when each
     *                transaction committed ({@code track_commit_timestamp})
     */
    public PostgresServer(Path dataDir, int port, boolean durable) {
        this.dataDir = dataDir;
        this.port = port;
        this.durable = durable;
    }

    /**
     * A first start (no data folder yet) copies {@code cluster}, a server's data folder made by the build and stopped
     * cleanly ({@link InfraTemplate}), instead of initialising one; null, or a folder that holds no cluster: initdb.
     */
    public synchronized PostgresServer seededFrom(Path cluster) {
        this.seed = cluster;
        return this;
    }

    /**
     * The server's own output (its log: start and stop, checkpoints, and each statement it refuses, such as a
     * duplicate key the apps answer as a 409) appended to {@code file} by the operating system, beside the apps'
     * logs, instead of piped through this JVM into its console. Null: piped, as the library does by default.
     */
    public synchronized PostgresServer logTo(Path file) {
        this.log = file;
        return this;
    }

    public synchronized PostgresServer start() {
        if (postgres != null) {
            return this;
        }
        try {
            boolean initialised = Files.exists(dataDir.resolve("PG_VERSION"));
            if (!initialised) {
                InfraTemplate.copy(seed, "PG_VERSION", dataDir);
            }
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // whoever started the server stops it, after the apps on it (Processes.onExit); the library's
                    // own exit hook would stop it at the same time as they stop
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "300");
            if (log != null) {
                Files.createDirectories(log.getParent());
                ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
                builder.setOutputRedirector(toLog).setErrorRedirector(toLog);
            }
            // The embedded server's launcher passes -F (fsync off) and synchronous_commit=off by default: durable
            // turns both back on explicitly (a later -c wins over -F).
            String flush = durable ? "on" : "off";
            builder.setServerConfig("fsync", flush)
                    .setServerConfig("synchronous_commit", flush)
                    .setServerConfig("full_page_writes", flush)
                    // when each transaction committed, for pg_xact_commit_timestamp(xmin): how long an event took
                    // from the producer's commit to the consumer's (bench scenario 5, or an operator chasing a lag)
                    .setServerConfig("track_commit_timestamp", flush);
            postgres = builder.start();
            if (!initialised) {
                Files.writeString(dataDir.resolve(".technopark"), "initialised by the technopark launcher\n");
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir + (log == null ? "" : "; see " + log), e);
        }
    }

    /** Stops the server, keeping its data, so that it can be started again on the same port. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    public synchronized boolean running() {
        return postgres != null;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates the database when it does not exist yet. */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
