package ma.technopark.platform.export;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * CSV exports for funders, streamed: rows go from a database cursor to the response as they are read, so an export
 * of any size holds only a fetch's worth of rows in memory. UTF-8 with a byte-order mark (spreadsheet software then
 * shows Arabic and accents right), CRLF line ends and RFC 4180 quoting; cells that a spreadsheet would run as a
 * formula are neutralised.
 */
@ApplicationScoped
public class CsvExport {
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    static final int FETCH_SIZE = 500;

    private final AgroalDataSource dataSource;

    public CsvExport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A download: the header, then one line per row of the query (its columns in the header's order, as text).
     *
     * @param filename what the browser saves it as
     */
    public Response stream(String filename, List<String> header, String sql, Object... params) {
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            writer.write('\uFEFF');
            line(writer, header.toArray(String[]::new));
            writer.flush(); // the status, headers and header row leave now: the client (and the gateway) see progress
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false); // a server-side cursor: PostgreSQL sends FETCH_SIZE rows at a time
                c.setReadOnly(true);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(FETCH_SIZE);
                    for (int i = 0; i < params.length; i++) {
                        ps.setObject(i + 1, params[i]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        String[] cells = new String[header.size()];
                        while (rs.next()) {
                            for (int i = 0; i < cells.length; i++) {
                                cells[i] = rs.getString(i + 1);
                            }
                            line(writer, cells);
                        }
                    }
                } finally {
                    c.rollback();
                }
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("export interrupted", e));
            }
            writer.flush();
        };
        return Response.ok(body, MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    static void line(Writer writer, String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(cells[i]));
        }
        writer.write("\r\n");
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v; // a cell starting like a formula is text, not a formula (CSV injection)
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !v.equals(value)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
