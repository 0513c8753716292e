package ma.technopark.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller), run as its own JVM
 * from the Kafka jars the build resolved. Stopping and starting it again keeps its log directory,
 * which is what a broker outage looks like to the services.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private Process process;
    /** Whether the running broker writes its class archive as it exits. */
    private boolean dumping;
    private Path classArchives;
    private boolean quickly;
    private Path seed;

    public KafkaBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * The run command's broker: an AppCDS archive of its classes kept in {@code dir} (null: none), and the C1
     * compiler only. On this machine it opens its port after 1.1-1.35 s instead of 3.1-3.5 s, on 1.5-1.7 CPU-s
     * instead of 4.9-5.4 (C2 alone took 2.2 CPU-s of a platform start); a laptop's traffic does not need C2. The
     * tests' and the benchmarks' brokers keep the JVM's defaults.
     */
    public KafkaBroker startQuickly(Path dir) {
        this.quickly = true;
        this.classArchives = dir;
        return this;
    }

    /**
     * A first start (no data folder yet) copies {@code formatted}, a broker's folder formatted by the build
     * ({@link InfraTemplate}), instead of running Kafka's storage format; null, or a folder not formatted: the format.
     */
    public synchronized KafkaBroker seededFrom(Path formatted) {
        this.seed = formatted;
        return this;
    }

    /** Formats the broker's log folder (its cluster id, its metadata's first checkpoint) unless it is already. */
    synchronized Path format() throws IOException, InterruptedException {
        Path logs = dataDir.resolve("logs");
        if (!Files.exists(logs.resolve("meta.properties"))) {
            InfraTemplate.copy(seed, "logs/meta.properties", dataDir);
        }
        Files.createDirectories(dataDir);
        Path config = writeConfig();
        if (!Files.exists(logs.resolve("meta.properties"))) {
            String clusterId = clusterId();
            run(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(),
                    "--ignore-formatted"), dataDir.resolve("format.out"), 120);
        }
        return config;
    }

    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Path config = format();
            List<String> command = java("kafka.Kafka", config.toString());
            if (classArchives != null) {
                List<String> archive = ClassArchive.options(classArchives, "kafka-broker", classpath());
                command.addAll(1, archive);
                dumping = ClassArchive.dumps(archive);
            }
            if (quickly) {
                // C1 alone would shrink the code cache to 48 MB, too little for a broker that runs for days
                command.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m"));
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.out").toFile()))
                    .start();
            Processes.register(process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Ports.open("localhost", port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited; see " + dataDir.resolve("broker.out"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Kafka broker did not open port " + port);
                }
                Thread.sleep(100);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 20 s, or 120 s while it writes its class archive). Its data stays. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.stop(process, dumping ? 120 : 20);
        process = null;
    }

    /** Kills the broker at once, as a crash would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Processes.kill(process);
        process = null;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private String clusterId() throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id;
        do { // an id starting with '-' would read as an option to the storage tool (Kafka's own ids avoid it too)
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
            buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
        } while (id.startsWith("-"));
        Files.writeString(file, id);
        return id;
    }

    private Path writeConfig() throws IOException {
        Path logs = dataDir.resolve("logs");
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "") + "\n";
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, properties);
        Files.writeString(dataDir.resolve("log4j2.properties"), String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                ""));
        return file;
    }

    private List<String> java(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"));
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private void run(List<String> mainAndArgs, Path output, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = java(mainAndArgs.get(0), mainAndArgs.subList(1, mainAndArgs.size()).toArray(String[]::new));
        if (quickly) {
            // a one-off tool on the broker's classpath: C1, and the broker's archive when there is one (never dumped
            // from here, where it would hold the tool's classes only); 0.5 s instead of 1.0 on a first start here
            if (classArchives != null) {
                command.addAll(1, ClassArchive.existing(classArchives, "kafka-broker", classpath()));
            }
            command.add(1, "-XX:TieredStopAtLevel=1");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("Kafka storage format failed: " + Files.readString(output));
        }
    }

    /** The broker's classpath, resolved by the build (see infra/pom.xml). */
    static String classpath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka.classpath is missing: build the infra module with Maven first");
            }
            String kafka = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            // slf4j-api is also a compile dependency of this module, so the build leaves it out of that list
            String slf4j = Path.of(org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString();
            return kafka + java.io.File.pathSeparator + slf4j;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
