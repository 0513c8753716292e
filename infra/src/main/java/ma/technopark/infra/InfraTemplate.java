package ma.technopark.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The infrastructure's data as a first start makes it, made once by the build so that a first start copies it
 * instead: PostgreSQL's cluster (what {@code initdb} writes, about 1.5 s and a CPU-second here) with the services'
 * empty databases, stopped cleanly, and the broker's formatted log folder (Kafka's storage format, a JVM of its
 * own). Nothing in it belongs to a user: the services create their tables with their first start, as before.
 * <p>
 * It lives beside the class archives ({@code target/class-archives/infra-template}): {@code ./technopark prepare}
 * makes it, the run command copies its parts into a data folder that lacks them, and a data folder that has them
 * is never touched. Every copy shares the template's Kafka cluster id, which only brokers of one cluster compare.
 */
final class InfraTemplate {
    static final String FOLDER = "infra-template";
    static final String POSTGRES = "postgres";
    static final String KAFKA = "kafka";
    /** What belongs to one run of a server rather than to its data. */
    private static final List<String> RUN_FILES = List.of(
            POSTGRES + "/epg-lock", POSTGRES + "/postmaster.pid", POSTGRES + "/postmaster.opts", POSTGRES + "/.technopark",
            KAFKA + "/server.properties", KAFKA + "/log4j2.properties", KAFKA + "/format.out", KAFKA + "/broker.out");

    private InfraTemplate() {
    }

    /** Makes the template in {@code dir} (replacing what is there): a cluster with the services' databases, a formatted broker. */
    static void make(Path dir) throws IOException, InterruptedException {
        Processes.deleteTree(dir);
        PostgresServer postgres = new PostgresServer(dir.resolve(POSTGRES), Ports.free(), true);
        try (postgres) {
            postgres.start();
            for (String database : Infra.DATABASES) {
                postgres.ensureDatabase(database);
            }
        }
        new KafkaBroker(dir.resolve(KAFKA), Ports.free(), Ports.free()).format();
        for (String file : RUN_FILES) {
            Files.deleteIfExists(dir.resolve(file));
        }
    }

    /**
     * Copies {@code part} (a template's folder, null for none) to {@code dataDir} when the part holds {@code marker}
     * (what its server's first start would write) and {@code dataDir} holds nothing yet: a half-made folder is left
     * to fail as it would.
     */
    static void copy(Path part, String marker, Path dataDir) throws IOException {
        if (part != null && Files.exists(part.resolve(marker)) && absentOrEmpty(dataDir)) {
            Files.deleteIfExists(dataDir);
            Processes.copyTree(part, dataDir);
        }
    }

    private static boolean absentOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
