package ma.technopark.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on one machine: infrastructure, the three services and the gateway as separate
 * processes from their packaged jars. Used by the run command and by the system tests.
 */
public final class Platform implements AutoCloseable {
    public static final String SITES = "sites-service";
    public static final String STARTUPS = "startups-service";
    public static final String PROGRAMS = "programs-service";
    public static final String GATEWAY = "gateway";

    private final Path root;
    private final Path logDir;
    private final Infra infra;
    private final Map<String, AppProcess> apps = new LinkedHashMap<>();
    private final List<String> jvmOptions;

    private Platform(Path root, Path logDir, Infra infra, List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.root = root;
        this.logDir = logDir;
        this.infra = infra;
    }

    /**
     * @param root     the project's root folder (where each app's {@code target/quarkus-app} is)
     * @param logDir   where each app's output goes
     * @param ports    the HTTP port of each app by name
     * @param profile  the Quarkus profile of the apps ({@code local} uses the dev-only signing key)
     * @param extraEnv environment added to every app (e.g. feature switches)
     */
    public static Platform create(Path root, Path logDir, Infra infra, Map<String, Integer> ports, String profile,
            Map<String, String> extraEnv) {
        return create(root, logDir, infra, ports, profile, extraEnv, jvmOptions());
    }

    /** As {@link #create(Path, Path, Infra, Map, String, Map)}, with the apps' JVM options given. */
    public static Platform create(Path root, Path logDir, Infra infra, Map<String, Integer> ports, String profile,
            Map<String, String> extraEnv, List<String> jvmOptions) {
        Platform platform = new Platform(root, logDir, infra, jvmOptions);
        platform.define(SITES, "sites", ports.get(SITES), profile, extraEnv);
        platform.define(STARTUPS, "startups", ports.get(STARTUPS), profile, extraEnv);
        Map<String, String> programsEnv = new HashMap<>(extraEnv);
        programsEnv.put("TECHNOPARK_SITES_URL", "http://localhost:" + ports.get(SITES));
        if (!"prod".equals(profile)) {
            // partner tokens are signed with the dev-only key that the local profile's services trust
            programsEnv.put("SMALLRYE_JWT_SIGN_KEY", DevTokens.privateKeyPem());
        }
        platform.define(PROGRAMS, "programs", ports.get(PROGRAMS), profile, programsEnv);
        Map<String, String> gatewayEnv = new HashMap<>(extraEnv);
        gatewayEnv.put("TECHNOPARK_GATEWAY_BACKENDS_SITES_URL", "http://localhost:" + ports.get(SITES));
        gatewayEnv.put("TECHNOPARK_GATEWAY_BACKENDS_STARTUPS_URL", "http://localhost:" + ports.get(STARTUPS));
        gatewayEnv.put("TECHNOPARK_GATEWAY_BACKENDS_PROGRAMS_URL", "http://localhost:" + ports.get(PROGRAMS));
        platform.define(GATEWAY, null, ports.get(GATEWAY), profile, gatewayEnv);
        return platform;
    }

    /** Default ports: gateway 8080, sites 8081, startups 8082, programs 8083. */
    public static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(GATEWAY, 8080);
        ports.put(SITES, 8081);
        ports.put(STARTUPS, 8082);
        ports.put(PROGRAMS, 8083);
        return ports;
    }

    /** Free ports, for tests. */
    public static Map<String, Integer> freePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of(GATEWAY, SITES, STARTUPS, PROGRAMS)) {
            ports.put(name, Ports.free());
        }
        return ports;
    }

    private void define(String name, String database, int port, String profile, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        if (database != null) {
            env.putAll(infra.serviceEnvironment(database));
        }
        env.put("QUARKUS_PROFILE", profile);
        env.putAll(extraEnv);
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        apps.put(name, new AppProcess(name, jar, port, env, jvmOptions, logDir.resolve(name + ".log")));
    }

    /**
     * The apps' JVM options: {@code TECHNOPARK_JVM_OPTS} when set (space-separated), else small heaps and the C1
     * compiler only, which start fastest and suit a laptop; the benchmarks measure both (bench/README.md). The code
     * cache keeps the full JIT's size (C1 alone would shrink it to 48 MB); it is reserved, not resident.
     */
    public static List<String> jvmOptions() {
        String configured = System.getenv("TECHNOPARK_JVM_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        return List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=240m", "-XX:+ExitOnOutOfMemoryError");
    }

    /** Each app keeps an AppCDS archive of its classes under {@code dir} (see {@link AppProcess#keepClassArchive}). */
    public Platform keepClassArchives(Path dir) {
        apps.values().forEach(app -> app.keepClassArchive(dir));
        return this;
    }

    /**
     * Each app maps the archive of its program in {@code dir} (a replica its service's) when there is one, and never
     * dumps one: the system tests start the platform on the archives that {@code ./technopark prepare} made.
     */
    public Platform mapClassArchives(Path dir) {
        apps.values().forEach(app -> app.mapClassArchive(dir));
        return this;
    }

    /**
     * Adds a second instance of each service, on the same databases and broker (the gateway still fronts the first):
     * the replicas share the outbox relay's single writer, the consumers' partitions and the jobs through them.
     * Answers the new instances' names ({@code <service>-2}).
     */
    public List<String> addReplicas() {
        List<String> names = new ArrayList<>();
        for (String service : List.of(SITES, STARTUPS, PROGRAMS)) {
            String name = service + "-2";
            apps.put(name, app(service).replica(name, Ports.free(), logDir.resolve(name + ".log")));
            names.add(name);
        }
        return names;
    }

    /**
     * Starts every app at once and waits until all are ready. The first app that exits or misses the timeout fails
     * the start at once: waiting for the others too kept the caller waiting until the gateway's own timeout, since
     * the gateway is not ready without its backends.
     */
    public Platform start(Duration timeout) {
        List<CompletableFuture<AppProcess>> ready = new ArrayList<>();
        for (AppProcess app : apps.values()) {
            app.start();
        }
        CompletableFuture<Void> failed = new CompletableFuture<>();
        for (AppProcess app : apps.values()) {
            CompletableFuture<AppProcess> one = CompletableFuture.supplyAsync(() -> app.awaitReady(timeout));
            one.whenComplete((started, failure) -> {
                if (failure != null) {
                    failed.completeExceptionally(failure);
                }
            });
            ready.add(one);
        }
        CompletableFuture.anyOf(CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)), failed).join();
        return this;
    }

    public AppProcess app(String name) {
        AppProcess app = apps.get(name);
        if (app == null) {
            throw new IllegalArgumentException("no app " + name);
        }
        return app;
    }

    public Infra infra() {
        return infra;
    }

    public Path root() {
        return root;
    }

    /** Finds the project root from the working directory (a module folder or the root itself). */
    public static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve(GATEWAY)) && Files.isDirectory(dir.resolve(SITES))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("run this from the project's folder");
    }

    @Override
    public void close() {
        List<AppProcess> reversed = new ArrayList<>(apps.values());
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(AppProcess::stop);
    }
}
