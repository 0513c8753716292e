package ma.technopark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.technopark.infra.Infra;

/** The database alone, as a comparator: pgbench running a service's query with prepared statements. */
final class Pgbench {
    static final String BIN = "/usr/lib/postgresql/15/bin/pgbench";

    record Result(double tps, String raw) {
    }

    private Pgbench() {
    }

    static Result run(Infra infra, String database, Path dir, String sql, int clients, Duration duration) {
        try {
            Files.createDirectories(dir);
            Path script = Files.writeString(dir.resolve(database + "-" + Integer.toHexString(sql.hashCode()) + ".sql"), sql + "\n");
            Matcher url = Pattern.compile("//([^:/]+):(\\d+)/").matcher(infra.jdbcUrl(database));
            if (!url.find()) {
                throw new IllegalStateException(infra.jdbcUrl(database));
            }
            List<String> cmd = List.of(BIN, "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j", "2",
                    "-T", Long.toString(duration.toSeconds()), "-f", script.toString(), "-h", url.group(1), "-p", url.group(2),
                    "-U", infra.username(), database);
            String out = Processes.run(duration.plusSeconds(30), Map.of("PGPASSWORD", infra.password()), cmd);
            Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
            if (!tps.find()) {
                throw new IllegalStateException("pgbench said: " + out);
            }
            return new Result(Double.parseDouble(tps.group(1)), "$ " + String.join(" ", cmd) + "\n-- " + sql + "\n" + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
