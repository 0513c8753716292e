package ma.technopark.platform.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Deletes rows that have outlived their use, in batches of {@value #BATCH}, each its own transaction, so that a large
 * backlog (the first run after a long time, say) never holds one long transaction or one huge set of row locks.
 */
public final class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    /** Rows deleted per statement. */
    public static final int BATCH = 5_000;
    private static final long HOUR_MILLIS = 3_600_000L;

    /** A housekeeping task: deletes what it deletes, and says how many rows. */
    @FunctionalInterface
    public interface Task {
        long run() throws SQLException;
    }

    /**
     * Runs a task at most once an hour, from a loop that calls {@link #runIfDue()} often (a relay's, a dispatcher's);
     * the first call runs it. A failure (the database away) is logged and tried again an hour later.
     */
    public static final class Hourly {
        private final String name;
        private final Task task;
        private long last;

        public Hourly(String name, Task task) {
            this.name = name;
            this.task = task;
        }

        public void runIfDue() {
            long now = System.currentTimeMillis();
            if (last != 0 && now - last < HOUR_MILLIS) {
                return;
            }
            last = now;
            try {
                long deleted = task.run();
                if (deleted > 0) {
                    LOG.debugf("%s deleted %d rows", name, deleted);
                }
            } catch (SQLException e) {
                LOG.debugf("%s skipped: %s", name, e.getMessage());
            }
        }
    }

    private Retention() {
    }

    /**
     * Deletes the rows of {@code table} whose {@code column} is older than {@code age} and that meet {@code filter}
     * (an SQL condition on the table's own columns, written by the caller, never from input; {@code TRUE} for all).
     * A row whose {@code column} is null is never old.
     *
     * @return the rows deleted
     */
    public static long deleteOlderThan(DataSource dataSource, String table, String column, Duration age, String filter)
            throws SQLException {
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table + " WHERE " + column
                + " < now() - make_interval(secs => ?) AND (" + filter + ") LIMIT " + BATCH + "))";
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            delete.setDouble(1, age.toSeconds());
            int n;
            do {
                n = delete.executeUpdate();
                total += n;
            } while (n == BATCH);
        }
        return total;
    }
}
