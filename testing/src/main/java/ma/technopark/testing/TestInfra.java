package ma.technopark.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import ma.technopark.infra.Infra;

/** The test JVM's infrastructure, for tests that look behind the API (database rows, the broker). */
public final class TestInfra {
    private static volatile Infra infra;
    private static volatile String database;

    private TestInfra() {
    }

    static void use(Infra shared, String db) {
        infra = shared;
        database = db;
    }

    public static Infra infra() {
        if (infra == null) {
            infra = Infra.sharedForTests();
        }
        return infra;
    }

    public static String bootstrapServers() {
        return infra().bootstrapServers();
    }

    public static Connection connection() throws SQLException {
        return DriverManager.getConnection(infra().jdbcUrl(database), infra().username(), infra().password());
    }

    /** Runs a statement (to set up a past the API cannot make, e.g. a residency admitted last year). */
    public static int execute(String sql, Object... params) {
        return withStatement(sql, params, PreparedStatement::executeUpdate);
    }

    /** The single number a query returns, e.g. {@code SELECT count(*) FROM ... WHERE x = ?}. */
    public static long count(String sql, Object... params) {
        return withStatement(sql, params, s -> {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The first column of the first row a query returns, as text; null when it returns no row. */
    public static String text(String sql, Object... params) {
        return withStatement(sql, params, s -> {
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    private interface StatementWork<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private static <T> T withStatement(String sql, Object[] params, StatementWork<T> work) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return work.apply(s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
