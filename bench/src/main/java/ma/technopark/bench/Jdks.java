package ma.technopark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK newer than the product's 17 that has ahead-of-time caches (JDK 25 or later: JEP 483, made in one step by
 * JEP 514), which the start-up scenario measures beside JDK 17 as the best start reachable on the machine.
 * {@code BENCH_AOT_JAVA} names its java executable; otherwise the newest such JDK under {@code /usr/lib/jvm}.
 */
final class Jdks {
    static final String VARIABLE = "BENCH_AOT_JAVA";
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"([0-9]+)[^\"]*\"", Pattern.MULTILINE);

    private Jdks() {
    }

    static Optional<Path> aotCapable() {
        String configured = System.getenv(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return "none".equals(configured.trim()) ? Optional.empty() : Optional.of(Path.of(configured.trim()));
        }
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            List<Path> found = homes.filter(home -> feature(home) >= 25 && Files.isExecutable(home.resolve("bin/java")))
                    .sorted(Comparator.comparingInt(Jdks::feature).reversed()).toList();
            return found.stream().findFirst().map(home -> home.resolve("bin/java"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JDK's version as its {@code release} file gives it, for the report. */
    static String version(Path java) {
        try {
            Matcher m = Pattern.compile("^JAVA_RUNTIME_VERSION=\"([^\"]+)\"", Pattern.MULTILINE)
                    .matcher(Files.readString(java.getParent().getParent().resolve("release")));
            return m.find() ? m.group(1) : "unknown version";
        } catch (IOException e) {
            return "unknown version";
        }
    }

    private static int feature(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
