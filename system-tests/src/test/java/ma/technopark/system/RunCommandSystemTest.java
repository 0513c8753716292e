package ma.technopark.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ma.technopark.infra.Platform;
import ma.technopark.infra.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command as a user runs it: {@code ./technopark prepare} (the build's last step, run once for the suite by
 * {@link ClassArchives}) dumps a class archive for every program and makes the infrastructure's first data, and the
 * very first start on an empty data folder then maps them all and copies that data, then stops leaving nothing behind.
 */
class RunCommandSystemTest {
    static final List<String> PROGRAMS = List.of("gateway", "sites-service", "startups-service", "programs-service",
            "kafka-broker");

    @TempDir
    Path dir;

    /** JDK 17's AppCDS archives, or the AOT caches the launcher makes instead when it runs on JDK 25 or later. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    private static final String SUFFIX = AOT_CACHE ? ".aot" : ".jsa";
    private static final String DUMP = AOT_CACHE ? "-XX:AOTCacheOutput" : "-XX:ArchiveClassesAtExit";
    private static final String MAP = AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";

    @Test
    void theBuildsClassArchivesAreMappedByTheFirstStartOnAnEmptyDataFolder() throws Exception {
        Path root = Platform.findRoot();
        Path archives = ClassArchives.DIR;
        Tool.Result prepared = ClassArchives.prepare();
        assertEquals(0, prepared.exitCode(), prepared.output());
        assertFalse(prepared.output().contains("Building the platform"), "packaged by the build already");
        Map<String, Path> made = new TreeMap<>();
        try (Stream<Path> files = Files.list(archives)) {
            files.filter(f -> f.toString().endsWith(SUFFIX)).forEach(f -> made.put(
                    f.getFileName().toString().replaceAll("-[0-9a-f]+\\" + SUFFIX + "$", ""), f));
        }
        Path template = archives.resolve("infra-template");
        assertTrue(Files.exists(template.resolve("postgres/PG_VERSION")), "PostgreSQL's first cluster is prepared");
        assertTrue(Files.exists(template.resolve("kafka/logs/meta.properties")), "the broker's folder is formatted");
        assertEquals(new java.util.TreeSet<>(PROGRAMS), made.keySet(), "one archive per program, and the training's"
                + " folder is gone: " + made + "\n" + prepared.output());
        for (Path archive : made.values()) {
            assertTrue(Files.size(archive) > 10_000_000, archive + " is " + Files.size(archive) + " bytes");
        }

        ProcessBuilder builder = new ProcessBuilder(root.resolve("technopark").toString(), "--data-dir",
                dir.resolve("data").toString()).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("TECHNOPARK_CLASS_ARCHIVES", archives.toString());
        for (String port : List.of("POSTGRES_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "GATEWAY_PORT", "SITES_PORT",
                "STARTUPS_PORT", "PROGRAMS_PORT")) {
            env.put(port, Integer.toString(Ports.free()));
        }
        Process run = builder.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("is ready in")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // the run command ended
            }
            ready.complete(false);
        });
        reader.start();
        List<ProcessHandle> started = new ArrayList<>();
        try {
            assertTrue(ready.get(3, TimeUnit.MINUTES), () -> "not ready:\n" + output);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + env.get("GATEWAY_PORT") + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            // the first start copied the build's infrastructure data instead of running initdb and Kafka's format
            assertEquals(Files.readString(template.resolve("kafka/cluster.id")),
                    Files.readString(dir.resolve("data/kafka/cluster.id")));
            assertFalse(Files.exists(dir.resolve("data/kafka/format.out")), "Kafka's storage format ran");

            Map<String, String> mapped = new TreeMap<>();
            run.toHandle().descendants().forEach(p -> {
                started.add(p);
                String args = commandLine(p.pid()); // ProcessHandle's arguments can be cut short
                assertFalse(args.contains(DUMP), "a program dumps instead of mapping: " + args);
                for (Map.Entry<String, Path> archive : made.entrySet()) {
                    if (args.contains(MAP + archive.getValue())) {
                        mapped.put(archive.getKey(), maps(p.pid(), archive.getValue()));
                    }
                }
            });
            assertEquals(new java.util.TreeSet<>(PROGRAMS), mapped.keySet(), "every program is launched on its archive");
            mapped.forEach((program, maps) -> assertEquals("mapped", maps, program + "'s JVM has its archive in memory"));
        } finally {
            run.destroy(); // SIGTERM, as Ctrl-C or a service manager would
            assertTrue(run.waitFor(2, TimeUnit.MINUTES), "the run command stopped");
            reader.join(5_000);
        }
        for (ProcessHandle p : started) {
            assertFalse(p.isAlive(), "left behind: " + p.info().commandLine().orElse("pid " + p.pid()));
        }
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // gone meanwhile
        }
    }

    /** Whether the process maps the file ({@code /proc/<pid>/maps}), as a word for the assertion's message. */
    private static String maps(long pid, Path file) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/maps")).contains(file.toString()) ? "mapped" : "not mapped";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
