package ma.technopark.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One packaged Quarkus app ({@code target/quarkus-app/quarkus-run.jar}) run as a separate process. */
public final class AppProcess implements AutoCloseable {
    // HTTP/1.1: with its default, HTTP/2, the JDK's client asks a cleartext server to upgrade every new connection
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final Path log;
    /** The java executable that runs it: this JVM's own, unless a benchmark compares another. */
    private String javaExecutable = Processes.javaExecutable();
    private Path classArchives;
    /** Whose archive this instance maps (a replica maps its service's); it dumps one only when it is its own. */
    private String archiveName;
    private boolean dumpArchive;
    private Process process;
    /** Whether the running process writes its class archive as it exits (which an AOT cache takes 10-20 s for). */
    private boolean dumping;

    public AppProcess(String name, Path jar, int port, Map<String, String> env, List<String> jvmOptions, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = new LinkedHashMap<>(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
        this.archiveName = name;
    }

    public String name() {
        return name;
    }

    /** Another instance of the same app (same jar, settings and database), on its own port and log. */
    public AppProcess replica(String replicaName, int replicaPort, Path replicaLog) {
        AppProcess replica = new AppProcess(replicaName, jar, replicaPort, env, jvmOptions, replicaLog);
        replica.archiveName = archiveName;
        if (classArchives != null) {
            replica.mapClassArchive(classArchives);
        }
        return replica;
    }

    /** Another instance of the same app with other JVM options (the benchmarks compare them). */
    public AppProcess replica(String replicaName, int replicaPort, Path replicaLog, List<String> otherJvmOptions) {
        return new AppProcess(replicaName, jar, replicaPort, env, otherJvmOptions, replicaLog);
    }

    /** Runs this instance with another java executable (the benchmarks compare JVMs). */
    public AppProcess runWith(Path javaExecutable) {
        this.javaExecutable = javaExecutable.toString();
        return this;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    public synchronized AppProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the project first (./mvnw -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable);
        command.addAll(jvmOptions);
        command.addAll(classArchiveOptions());
        dumping = ClassArchive.dumps(command);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        String jdbcUrl = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (jdbcUrl != null && !jdbcUrl.contains("ApplicationName=")) {
            // each instance's connections carry its name in pg_stat_activity (which replica holds what)
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                    + "ApplicationName=" + name);
        }
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Processes.register(process);
        return this;
    }

    /**
     * Keeps an AppCDS archive of this app's classes in {@code dir} (see {@link ClassArchive}): maps it when there is
     * one, else dumps it when the app stops (a replica only maps its service's: two JVMs never dump one file).
     */
    public AppProcess keepClassArchive(Path dir) {
        this.classArchives = dir;
        this.dumpArchive = archiveName.equals(name);
        return this;
    }

    /** Maps this app's archive in {@code dir} when there is one (as {@code ./technopark prepare} left it), never dumps one. */
    public AppProcess mapClassArchive(Path dir) {
        this.classArchives = dir;
        this.dumpArchive = false;
        return this;
    }

    private List<String> classArchiveOptions() {
        if (classArchives == null) {
            return List.of();
        }
        try {
            String source = jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar);
            return dumpArchive ? ClassArchive.options(classArchives, archiveName, source)
                    : ClassArchive.existing(classArchives, archiveName, source);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The last lines of a log, so that a failure says why even when the log's folder is gone by the time one reads it. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = List.of(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public AppProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log + ", which ends:\n" + tail(log, 40));
            }
            if (listening() && status("/q/health/ready") == 200) {
                return this;
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /**
     * Whether the app accepts connections yet. Until it does, a bare connect says so for a few microseconds, where an
     * HTTP request refused at the door cost the launcher about 2 ms of CPU, ten times a second for each app starting.
     */
    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The HTTP status of a GET on this app, or -1 when it does not answer. */
    public int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The process id, or -1 when it is not running. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGTERM and a graceful shutdown. */
    public synchronized void stop() {
        if (process != null) {
            Processes.stop(process, dumping ? 120 : 30);
            process = null;
        }
    }

    /** SIGKILL: the process dies at once, mid-work. */
    public synchronized void kill() {
        if (process != null) {
            Processes.kill(process);
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
