package ma.technopark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External tools: run, wait, answer their output as they printed it. */
final class Processes {
    private Processes() {
    }

    static String run(Duration timeout, String... command) {
        return run(timeout, null, List.of(command));
    }

    static String run(Duration timeout, java.util.Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("bench", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            if (env != null) {
                builder.environment().putAll(env);
            }
            Process p = builder.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + timeout);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
