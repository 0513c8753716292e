package ma.technopark.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The reliability and security suite's figures: faults injected, writes made, events lost, double effects, requests
 * fuzzed, 5xx answers, schema mismatches and the access matrix's outcomes. The suite's tests add to them; when the
 * test run ends they are printed and written to {@code system-tests/target/suite-summary.txt}, which the build prints
 * again as its last step (so that the test command ends with them).
 */
public final class SuiteSummary implements BeforeAllCallback {
    public static final String FAULTS = "faults injected";
    public static final String WRITES = "writes made";
    public static final String EVENTS_LOST = "events lost";
    public static final String DOUBLE_EFFECTS = "double effects";
    public static final String FUZZED = "requests fuzzed";
    public static final String SERVER_ERRORS = "5xx answers";
    public static final String SCHEMA_MISMATCHES = "schema mismatches";
    public static final String INVARIANT_CHECKS = "capacity invariant checks under load";
    public static final String INVARIANTS_BROKEN = "capacity invariants broken";
    public static final String OPERATIONS = "operations in the access matrix";
    public static final String ACCESS_CALLS = "access matrix calls";

    /** Figures that must be zero for the suite to be a success; printed first. */
    private static final String[] ORDER = {FAULTS, WRITES, EVENTS_LOST, DOUBLE_EFFECTS, FUZZED, SERVER_ERRORS, SCHEMA_MISMATCHES,
        INVARIANT_CHECKS, INVARIANTS_BROKEN, OPERATIONS, ACCESS_CALLS};
    private static final Map<String, AtomicLong> FIGURES = new LinkedHashMap<>();

    static {
        for (String figure : ORDER) {
            FIGURES.put(figure, new AtomicLong());
        }
    }

    /** Adds to a figure (a new figure is listed after the fixed ones, in the order they first appear). */
    public static void add(String figure, long n) {
        synchronized (FIGURES) {
            FIGURES.computeIfAbsent(figure, k -> new AtomicLong()).addAndGet(n);
        }
    }

    public static String render() {
        StringBuilder b = new StringBuilder("\n==== Reliability and security suite ====\n");
        synchronized (FIGURES) {
            FIGURES.forEach((figure, n) -> b.append(String.format("  %-58s %,d%n", figure, n.get())));
        }
        return b.append("========================================\n").toString();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // one resource for the whole run: the root store closes it when the last test class is done
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SuiteSummary.class,
                k -> new Printer(), Printer.class);
    }

    /** Prints the figures once the run is over. */
    static final class Printer implements AutoCloseable {
        @Override
        public void close() throws IOException {
            String text = render();
            System.out.println(text);
            Path file = Platform.findRoot().resolve("system-tests/target/suite-summary.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
    }
}
