package ma.technopark.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durable server flushes every commit to disk; a test server does not (the launcher's default is not durable). */
class PostgresServerTest {

    @Test
    void durableServerFlushesCommits(@TempDir Path dir) throws SQLException {
        try (PostgresServer pg = new PostgresServer(dir.resolve("durable"), Ports.free(), true).start()) {
            assertEquals("on", show(pg, "fsync"));
            assertEquals("on", show(pg, "synchronous_commit"));
            assertEquals("on", show(pg, "full_page_writes"));
            assertEquals("on", show(pg, "track_commit_timestamp"));
        }
    }

    @Test
    void testServerSkipsFlushes(@TempDir Path dir) throws SQLException {
        try (PostgresServer pg = new PostgresServer(dir.resolve("tests"), Ports.free(), false).start()) {
            assertEquals("off", show(pg, "fsync"));
            assertEquals("off", show(pg, "synchronous_commit"));
        }
    }

    /** The server's own log goes to the file given, not through this JVM: a refused statement is found there. */
    @Test
    void theServersLogGoesToItsFile(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs").resolve("postgres.log");
        try (PostgresServer pg = new PostgresServer(dir.resolve("data"), Ports.free(), false).logTo(log).start();
                Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.execute("SELECT * FROM no_such_table_here"));
        }
        String written = Files.readString(log);
        assertTrue(written.contains("database system is ready to accept connections"), written);
        assertTrue(written.contains("relation \"no_such_table_here\" does not exist"), written);
        assertTrue(written.contains("database system is shut down"), written);
    }

    private static String show(PostgresServer pg, String setting) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
