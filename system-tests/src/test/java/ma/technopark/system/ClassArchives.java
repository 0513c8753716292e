package ma.technopark.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import ma.technopark.infra.Platform;

/**
 * The build's class archives, made once per suite by the run command's own last step ({@code ./technopark prepare})
 * into {@code system-tests/target/class-archives}: the suite's platform maps them (so its every start and restart is
 * the one users get), and {@link RunCommandSystemTest} checks what the step made and that a first start maps it.
 */
final class ClassArchives {
    static final Path DIR = Platform.findRoot().resolve("system-tests/target/class-archives");
    private static Tool.Result prepared;

    private ClassArchives() {
    }

    /** Runs {@code ./technopark prepare} the first time it is asked for; answers what it printed and its exit code. */
    static synchronized Tool.Result prepare() {
        if (prepared == null) {
            Path root = Platform.findRoot();
            try {
                prepared = Tool.run(root, Duration.ofMinutes(4), Map.of("TECHNOPARK_CLASS_ARCHIVES", DIR.toString()),
                        root.resolve("technopark").toString(), "prepare");
            } catch (Exception e) {
                prepared = new Tool.Result(-1, "./technopark prepare did not run: " + e);
            }
        }
        return prepared;
    }
}
