package ma.technopark.demo;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads a service's part of the demo data set when {@code technopark.demo.enabled} is true (TECHNOPARK_DEMO_ENABLED):
 * once per database and seed, in one transaction, under an advisory lock, so that two replicas starting together
 * load it once. It writes the service's own tables directly: the other services derive their part from the same
 * seed, so nothing needs to travel as events.
 */
@ApplicationScoped
public class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final long LOCK = 0xDE30_DA7AL;

    /** A service's part: writes its rows on the connection and answers how many. */
    @FunctionalInterface
    public interface Part {
        int load(Connection connection, DemoNetwork network) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final boolean enabled;
    private final long seed;

    public DemoData(AgroalDataSource dataSource,
            @ConfigProperty(name = "technopark.demo.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "technopark.demo.seed", defaultValue = "2026") long seed) {
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.seed = seed;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Loads the part unless this database already holds the data set of this seed. */
    public void loadOnce(String service, Part part) {
        if (!enabled) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK);
                lock.execute();
            }
            try (PreparedStatement done = c.prepareStatement("SELECT 1 FROM demo_data WHERE seed = ?")) {
                done.setLong(1, seed);
                if (done.executeQuery().next()) {
                    c.rollback();
                    LOG.infof("%s: the demo data set (seed %d) is already loaded", service, seed);
                    return;
                }
            }
            long started = System.nanoTime();
            DemoNetwork network = DemoNetwork.generate(seed, LocalDate.now(ZoneId.of("Africa/Casablanca")));
            int records = part.load(c, network);
            try (PreparedStatement mark = c.prepareStatement("INSERT INTO demo_data (seed, records) VALUES (?, ?)")) {
                mark.setLong(1, seed);
                mark.setInt(2, records);
                mark.executeUpdate();
            }
            c.commit();
            LOG.infof("%s: loaded the demo data set (seed %d): %d records in %d ms", service, seed, records,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the demo data set", e);
        }
    }

    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    /** Runs a prepared statement's batch for each item; answers how many rows were written. */
    public static <T> int batch(Connection c, String sql, Iterable<T> items, Binder<T> binder) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return n;
    }

    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }
}
