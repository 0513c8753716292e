package ma.technopark.system;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import ma.technopark.infra.Infra;

/** Reads the services' databases directly, to check what the API says against the records. */
final class Databases {
    private Databases() {
    }

    /** The single number a query returns; a collection parameter becomes an array (uuid or text). */
    static BigDecimal number(String database, String sql, Object... params) {
        return query(database, sql, params, rs -> {
            rs.next();
            return rs.getBigDecimal(1);
        });
    }

    static long count(String database, String sql, Object... params) {
        return number(database, sql, params).longValueExact();
    }

    /** The single text a query returns. */
    static String text(String database, String sql, Object... params) {
        return query(database, sql, params, rs -> {
            rs.next();
            return rs.getString(1);
        });
    }

    /** The first column of every row a query returns. */
    static List<String> texts(String database, String sql, Object... params) {
        return query(database, sql, params, rs -> {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        });
    }

    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T query(String database, String sql, Object[] params, Rows<T> rows) {
        Infra infra = PlatformExtension.platform().infra();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Collection<?> values) {
                    boolean uuids = !values.isEmpty() && values.iterator().next() instanceof UUID;
                    s.setArray(i + 1, c.createArrayOf(uuids ? "uuid" : "text", values.toArray()));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
