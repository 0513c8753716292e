package ma.technopark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest figure of each row ({@code bench/results/summary.tsv}, one line per scenario and figure), and the
 * table in bench/README.md between its markers, rewritten whenever a row changes.
 */
final class Summary {
    static final String BEGIN = "<!-- results:begin -->";
    static final String END = "<!-- results:end -->";
    private static final List<String> ORDER = Bench.ALL;

    private final Path tsv;
    private final Path readme;
    private final java.util.Set<String> rewritten = new java.util.HashSet<>();

    Summary(Path tsv, Path readme) {
        this.tsv = tsv;
        this.readme = readme;
    }

    synchronized void put(String scenario, String what, String line) {
        Map<String, String> rows = read();
        if (rewritten.add(scenario)) {
            // this run's first figure of the scenario: its older rows go (a renamed figure leaves no stale row)
            rows.keySet().removeIf(key -> key.startsWith(scenario + "\t"));
        }
        rows.put(scenario + "\t" + what, line);
        List<String> sorted = new ArrayList<>(rows.values());
        // by scenario in run order, then in the order the rows were first written
        sorted.sort(java.util.Comparator.comparingInt(l -> ORDER.indexOf(l.split("\t")[0])));
        try {
            Files.createDirectories(tsv.getParent());
            Files.write(tsv, sorted);
            writeTable(sorted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> read() {
        Map<String, String> rows = new LinkedHashMap<>();
        try {
            if (Files.exists(tsv)) {
                for (String line : Files.readAllLines(tsv)) {
                    String[] f = line.split("\t");
                    if (f.length >= 2) {
                        rows.put(f[0] + "\t" + f[1], line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private void writeTable(List<String> lines) throws IOException {
        if (!Files.exists(readme)) {
            return;
        }
        StringBuilder table = new StringBuilder(BEGIN).append('\n');
        table.append("| Scenario | Figure | Measured | Comparator (same run) | Ratio | Goal | Met | Date | Machine |\n");
        table.append("|---|---|---|---|---|---|---|---|---|\n");
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            table.append("| ").append(String.join(" | ", f[0], f[1], f[2], f[3].isEmpty() ? "-" : f[3],
                    f[4].isEmpty() ? "-" : f[4], f[5], f[6], f[7], f[8])).append(" |\n");
        }
        table.append(END);
        String text = Files.readString(readme);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        if (from < 0 || to < 0) {
            return;
        }
        Files.writeString(readme, text.substring(0, from) + table + text.substring(to + END.length()));
    }
}
