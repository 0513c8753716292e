package ma.technopark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** One scenario's result file: the machine, then each tool's raw output, then the figures (also in the summary). */
final class Report {
    private final Path file;
    private final String scenario;
    private final Summary summary;
    private final StringBuilder text = new StringBuilder();
    /**
     * The machine's speed probe quoted with the figures: taken when the first figure was written, unless the scenario
     * gives its own ({@link #probedBefore}).
     */
    private String speed;

    Report(Path file, String scenario, String title, Summary summary) {
        this.file = file;
        this.scenario = scenario;
        this.summary = summary;
        text.append("# ").append(title).append('\n');
        text.append("# run at ").append(ZonedDateTime.now(ZoneOffset.UTC)).append('\n');
        text.append("# command: bench/run.sh ").append(scenario).append('\n');
        for (String knob : new String[] {"BENCH_JVM_EXTRA", "BENCH_JFR"}) {
            String value = System.getenv(knob);
            if (value != null && !value.isBlank()) {
                text.append("# with ").append(knob).append('=').append(value).append('\n');
            }
        }
        text.append('\n');
        section("machine at the start", Machine.describe());
    }

    /** A raw block, written as it came. */
    Report section(String heading, String raw) {
        text.append("## ").append(heading).append('\n').append(raw.strip()).append("\n\n");
        System.out.println("-- " + heading);
        save();
        return this;
    }

    /**
     * Probes the machine now, writes the probe as a section and quotes it with the figures written from now on: for a
     * scenario whose parts run at different hours of a long run (each app's start-ups), each part's own.
     */
    Report probedBefore(String part) {
        Machine.Speed probe = Machine.speed();
        section("machine before " + part, probe.toString());
        speed = column(probe);
        return this;
    }

    private static String column(Machine.Speed probe) {
        return String.format("probe %.0f ms, classes %.0f ms, page fault %.1f µs, loopback %.0f µs", probe.sortMillis(),
                probe.classLoadingMillis(), probe.pageFaultMicros(), probe.loopbackMicros());
    }

    /** A figure of the table: what, the figure, the comparator's figure in the same run, their ratio, the goal. */
    Report row(String what, String figure, String comparator, String ratio, String goal, boolean met) {
        if (speed == null) {
            Machine.Speed probe = Machine.speed();
            section("machine at the end", probe.toString());
            speed = column(probe);
        }
        String line = String.join("\t", scenario, what, figure, comparator, ratio, goal, met ? "yes" : "no",
                LocalDate.now(ZoneOffset.UTC).toString(), Machine.shortName() + ", " + speed);
        text.append("ROW\t").append(line).append('\n');
        System.out.println("   " + what + ": " + figure + (comparator.isEmpty() ? "" : " vs " + comparator) + " -> "
                + (met ? "met" : "NOT met") + " (" + goal + ")");
        summary.put(scenario, what, line);
        save();
        return this;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
