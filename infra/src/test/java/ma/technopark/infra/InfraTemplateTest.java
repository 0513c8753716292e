package ma.technopark.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A first start copies the build's fresh infrastructure data; a data folder that has its data keeps it. */
class InfraTemplateTest {

    @Test
    void aFirstStartCopiesTheTemplateAndALaterStartKeepsItsOwnData(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template");
        InfraTemplate.make(template);
        assertFalse(Files.exists(template.resolve("postgres/postmaster.pid")), "a server's run files stay out");
        String templateCluster = Files.readString(template.resolve("kafka/cluster.id"));

        Path data = dir.resolve("data");
        long system;
        try (Infra infra = Infra.at(data, Ports.free(), Ports.free(), Ports.free()).seededFrom(template).start()) {
            system = systemIdentifier(infra);
            assertEquals(systemIdentifier(template), system, "the template's cluster, not a new initdb");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("postgres"))));
            assertEquals(Files.getOwner(template.resolve("postgres")), Files.getOwner(data.resolve("postgres")));
            assertEquals(templateCluster, Files.readString(data.resolve("kafka/cluster.id")));
            assertFalse(Files.exists(data.resolve("kafka/format.out")), "no storage format ran");
            assertTrue(Ports.open("localhost", infra.kafka().port()));
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl("sites"), infra.username(), infra.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int)");
            }
        }
        // the next start finds its data (and the table made in it) whatever the template holds
        InfraTemplate.make(template);
        assertNotEquals(system, systemIdentifier(template));
        try (Infra infra = Infra.at(data, Ports.free(), Ports.free(), Ports.free()).seededFrom(template).start()) {
            assertEquals(system, systemIdentifier(infra));
            assertEquals(templateCluster, Files.readString(data.resolve("kafka/cluster.id")));
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl("sites"), infra.username(), infra.password());
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
    }

    /** The template's cluster identifier (initdb draws a new one each time), read from a copy started on its own. */
    private static long systemIdentifier(Path template) throws Exception {
        Path copy = Files.createTempDirectory("template-copy");
        try (PostgresServer server = new PostgresServer(copy.resolve("postgres"), Ports.free(), true)
                .seededFrom(template.resolve("postgres")).start()) {
            return systemIdentifier(server.jdbcUrl("postgres"));
        } finally {
            Processes.deleteTree(copy);
        }
    }

    private static long systemIdentifier(Infra infra) throws SQLException {
        return systemIdentifier(infra.jdbcUrl("postgres"));
    }

    private static long systemIdentifier(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT system_identifier FROM pg_control_system()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
