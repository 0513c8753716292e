package ma.technopark.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The run command's entry point.
 *
 * <pre>
 *   run   [--data-dir DIR] [--demo]  infrastructure + three services + gateway, until Ctrl-C or SIGTERM;
 *                           --demo loads the demo data set (TECHNOPARK_DEMO_ENABLED=true)
 *   infra [--data-dir DIR]      PostgreSQL and Kafka only (for running an app from its jar or in dev mode)
 *   prepare                     the build's class archives, from one training start (see {@link ClassArchive}),
 *                               and the infrastructure's first data (see {@link InfraTemplate})
 *   token --groups G[,G] [--subject S] [--sites C,C] [--startup-id ID] [--partner-id ID] [--hours H]
 * </pre>
 * Ports: {@code GATEWAY_PORT}, {@code SITES_PORT}, {@code STARTUPS_PORT}, {@code PROGRAMS_PORT},
 * {@code POSTGRES_PORT} (15432), {@code KAFKA_PORT} (19092), {@code KAFKA_CONTROLLER_PORT} (19093).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        Map<String, String> options = options(args);
        switch (command) {
            case "run" -> run(options, true);
            case "infra" -> run(options, false);
            case "prepare" -> prepare();
            case "token" -> System.out.println(token(options));
            default -> {
                System.err.println("usage: run | infra | prepare | token --groups admin");
                System.exit(2);
            }
        }
    }

    private static void run(Map<String, String> options, boolean withApps) throws InterruptedException {
        long started = System.nanoTime();
        Path root = Platform.findRoot();
        Path dataDir = Path.of(options.getOrDefault("data-dir", root.resolve(".data").toString())).toAbsolutePath();
        Path archives = ClassArchive.folder(root).orElse(null);
        ClassArchive.forgetDataFolderArchives(dataDir);
        Infra infra = Infra.at(dataDir, port("POSTGRES_PORT", 15432), port("KAFKA_PORT", 19092),
                port("KAFKA_CONTROLLER_PORT", 19093)).startQuickly(archives)
                .seededFrom(archives == null ? null : archives.resolve(InfraTemplate.FOLDER));
        CountDownLatch stopped = new CountDownLatch(1);
        List<AutoCloseable> toClose = new ArrayList<>();
        Processes.onExit(() -> {
            System.out.println("\nStopping the platform...");
            for (int i = toClose.size() - 1; i >= 0; i--) {
                try {
                    toClose.get(i).close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e.getMessage());
                }
            }
            System.out.println("Stopped.");
            stopped.countDown();
        });
        System.out.println("Starting PostgreSQL and Kafka (data in " + dataDir + ")...");
        toClose.add(infra);
        infra.start();
        System.out.println("  PostgreSQL  " + infra.jdbcUrl("<service>") + " (user postgres, password postgres)");
        System.out.println("  Kafka       " + infra.bootstrapServers());
        if (withApps) {
            Map<String, Integer> ports = Platform.defaultPorts();
            ports.replaceAll((name, p) -> port(name.replace("-service", "").toUpperCase() + "_PORT", p));
            Map<String, String> env = new HashMap<>();
            if (options.containsKey("demo")) {
                env.put("TECHNOPARK_DEMO_ENABLED", "true");
            }
            Platform platform = Platform.create(root, dataDir.resolve("logs"), infra, ports, "local", env);
            if (archives != null) {
                platform.keepClassArchives(archives);
            }
            toClose.add(platform);
            System.out.println("Starting the services and the gateway (logs in " + dataDir.resolve("logs") + ")...");
            platform.start(Duration.ofMinutes(3));
            long ms = (System.nanoTime() - started) / 1_000_000;
            String gateway = platform.app(Platform.GATEWAY).url();
            System.out.println();
            System.out.println("The Technopark platform is ready in " + ms + " ms.");
            System.out.println("  Gateway     " + gateway);
            System.out.println("  Swagger UI  " + gateway + "/q/swagger-ui");
            System.out.println("  Health      " + gateway + "/q/health/ready");
            System.out.println("  A token     ./technopark token --groups admin");
            System.out.println("Press Ctrl-C to stop.");
        } else {
            System.out.println("Infrastructure ready. Press Ctrl-C to stop.");
        }
        stopped.await();
    }

    /**
     * Makes the infrastructure's first data ({@link InfraTemplate}) and dumps the build's class archives afresh: the
     * platform starts once on a throw-away data folder (from that template) and free ports,
     * answers a few reads through the gateway (so that the request path's classes are archived too), and stops;
     * each JVM writes its archive as it exits. About 45 s here: the cold start 17 s, then the dumps (4-14 s each,
     * two at a time on two cores). {@code ./technopark} runs it after each build.
     */
    private static void prepare() throws Exception {
        long started = System.nanoTime();
        Path root = Platform.findRoot();
        Optional<Path> folder = ClassArchive.folder(root);
        if (folder.isEmpty()) {
            System.out.println("Class archives are switched off (" + ClassArchive.VARIABLE + "=none): nothing to prepare.");
            return;
        }
        Path archives = folder.get();
        // The training dumps into a folder of its own, moved into place once every program has stopped: an
        // interrupted training leaves no half-written archive where a start would map it.
        Path training = archives.resolve("training");
        Processes.deleteTree(training);
        Path data = training.resolve("data");
        Path template = training.resolve(InfraTemplate.FOLDER);
        System.out.println("Preparing the infrastructure's first data and the class archives: one training start of the"
                + " platform (under a minute)...");
        InfraTemplate.make(template);
        try (Infra infra = Infra.at(data, Ports.free(), Ports.free(), Ports.free()).startQuickly(training)
                .seededFrom(template)) {
            // stopped with SIGTERM or Ctrl-C, the JVM skips the closes below: the same ordered stop then runs on exit
            // (PostgreSQL runs detached from this process, so nothing else would stop it)
            Processes.onExit(infra::close);
            infra.start();
            try (Platform platform = Platform.create(root, data.resolve("logs"), infra, Platform.freePorts(), "local",
                    Map.of()).keepClassArchives(training)) {
                Processes.onExit(platform::close);
                platform.start(Duration.ofMinutes(3));
                System.out.printf("  platform ready after %d ms; a few reads, then each program writes its archive as it"
                        + " stops%n", (System.nanoTime() - started) / 1_000_000);
                train(platform.app(Platform.GATEWAY).url());
            } // each app writes its archive as it stops, then the broker
        }
        ClassArchive.deleteAll(archives);
        for (String archive : ClassArchive.list(training)) {
            Files.move(training.resolve(archive), archives.resolve(archive));
        }
        Processes.deleteTree(archives.resolve(InfraTemplate.FOLDER));
        Files.move(template, archives.resolve(InfraTemplate.FOLDER));
        Processes.deleteTree(training);
        List<String> made = ClassArchive.list(archives);
        System.out.printf("Class archives ready in %d ms (%s): %s%n", (System.nanoTime() - started) / 1_000_000,
                archives, String.join(", ", made));
        if (made.size() < Platform.defaultPorts().size() + 1) {
            System.err.println("warning: some programs wrote no archive; their first start will dump it instead");
        }
    }

    /** A few reads through the gateway, as a user's first minutes would make them. */
    private static void train(String gateway) throws InterruptedException {
        String token = DevTokens.subject("class-archive-training").groups("admin").lifetime(Duration.ofMinutes(10)).sign();
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/api/v1/sites", "/api/v1/startups", "/api/v1/programmes", "/api/v1/network/dashboard",
                "/api/v1/applications", "/api/v1/mentors", "/q/openapi")) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(gateway + path))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    System.err.println("training: GET " + path + " answered " + r.statusCode());
                }
            } catch (IOException e) {
                System.err.println("training: GET " + path + " failed: " + e.getMessage());
            }
        }
    }

    private static String token(Map<String, String> options) {
        DevTokens.Builder builder = DevTokens.subject(options.getOrDefault("subject", "dev-user"))
                .groups(options.getOrDefault("groups", "admin").split(","))
                .lifetime(Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "8"))));
        if (options.containsKey("sites")) {
            builder.sites(options.get("sites").split(","));
        }
        if (options.containsKey("startup-id")) {
            builder.startupId(options.get("startup-id"));
        }
        if (options.containsKey("partner-id")) {
            builder.partnerId(options.get("partner-id"));
        }
        return builder.sign();
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
                options.put(name, value);
            }
        }
        return options;
    }
}
