package ma.technopark.system;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ma.technopark.infra.Platform;

/** Runs a command-line tool (those of tools/ are installed by tools/setup.sh) and captures what it printed. */
final class Tool {
    record Result(int exitCode, String output) {
    }

    private Tool() {
    }

    static Result run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        return run(dir, timeout, Map.of(), command);
    }

    /** As {@link #run(Path, Duration, String...)}, with {@code env} added to the tool's environment. */
    static Result run(Path dir, Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        if (command[0].startsWith("node") && !dir.resolve("node_modules").toFile().isDirectory()) {
            throw new IllegalStateException("The npm tools are not installed: run bash tools/setup.sh");
        }
        List<String> line = new ArrayList<>(List.of(command));
        // Node.js as tools/setup.sh chose it: the machine's, or the one it fetched (linked from tools/.node), which then
        // comes first on the PATH too, for the tools' own `#!/usr/bin/env node` scripts.
        Path fetchedNode = Platform.findRoot().resolve("tools/.node/bin");
        if (Files.isDirectory(fetchedNode) && line.get(0).equals("node")) {
            line.set(0, fetchedNode.resolve("node").toString());
        }
        ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true);
        if (Files.isDirectory(fetchedNode)) {
            builder.environment().merge("PATH", fetchedNode.toString(), (path, node) -> node + File.pathSeparator + path);
        }
        // This machine reaches no network but the package registries: the tools' telemetry and update checks are off.
        builder.environment().put("CI", "true");
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("NO_UPDATE_NOTIFIER", "1");
        builder.environment().put("ASYNCAPI_METRICS_CONFIG_PATH",
                Platform.findRoot().resolve("tools/asyncapi-analytics.json").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out;
        try (var in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
