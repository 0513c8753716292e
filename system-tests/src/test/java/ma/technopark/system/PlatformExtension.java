package ma.technopark.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import ma.technopark.infra.Infra;
import ma.technopark.infra.Platform;
import ma.technopark.infra.Processes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the packaged platform once for all system tests (the same launcher as the run command): the
 * infrastructure, two instances of each of the three services and the gateway, each as its own process on free
 * ports, with the demo data set loaded, each mapping the class archive that {@code ./technopark prepare} made for it
 * ({@link ClassArchives}).
 */
public class PlatformExtension implements BeforeAllCallback {
    static {
        // Awaitility waits its poll interval (100 ms) before a first look by default, even at a condition already true
        org.awaitility.Awaitility.setDefaultPollDelay(Duration.ZERO);
    }

    private static Platform platform;

    public static synchronized Platform platform() {
        if (platform == null) {
            Path root = Platform.findRoot();
            Tool.Result archives = ClassArchives.prepare(); // before the suite's own processes take the cores
            if (archives.exitCode() != 0) {
                System.err.println("./technopark prepare failed; the platform starts without class archives:\n" + archives.output());
            }
            Infra infra = Infra.sharedForTests();
            // Many requests come from one address here: the gateway's rate limits are lifted (its own tests cover them).
            platform = Platform.create(root, root.resolve("system-tests/target/logs"), infra, Platform.freePorts(), "local",
                    Map.ofEntries(Map.entry("TECHNOPARK_RATE_LIMIT", "1000000"),
                            Map.entry("TECHNOPARK_RESERVATIONS_RATE_LIMIT", "1000000"),
                            Map.entry("TECHNOPARK_CREDENTIALS_RATE_LIMIT", "1000000"),
                            Map.entry("TECHNOPARK_GATEWAY_OPENAPI_REFRESH", "5s"),
                            Map.entry("TECHNOPARK_GATEWAY_BACKENDS_SITES_TIMEOUT", "10s"),
                            Map.entry("TECHNOPARK_GATEWAY_BACKENDS_STARTUPS_TIMEOUT", "10s"),
                            Map.entry("TECHNOPARK_GATEWAY_BACKENDS_PROGRAMS_TIMEOUT", "10s"),
                            Map.entry("TECHNOPARK_DEMO_ENABLED", "true"),
                            Map.entry("TECHNOPARK_WEBHOOKS_RETRY_FIRST", "500MS"),
                            Map.entry("TECHNOPARK_WEBHOOKS_RETRY_MAX", "2S"),
                            // an outbox's check reports a stall after 5 s instead of 30 (BrokerOutageSystemTest)
                            Map.entry("TECHNOPARK_EVENTS_RELAY_STALLED_AFTER", "5S")));
            platform.mapClassArchives(ClassArchives.DIR);
            // Two instances of each service, as in production: the second ones share the databases and the broker.
            platform.addReplicas();
            Processes.onExit(platform::close);
            platform.start(Duration.ofMinutes(3));
        }
        return platform;
    }

    public static String gateway() {
        return platform().app(Platform.GATEWAY).url();
    }

    /** Waits until the gateway's merged document holds every service's operations (it fetches them as they start). */
    public static void awaitMergedDocument() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !io.restassured.RestAssured.given().baseUri(gateway()).get("/q/openapi?format=json").asString()
                        .contains("x-unavailable"));
    }

    /** Waits until a route answers through the gateway again (after a service restart and its circuit's pause). */
    public static void awaitRouted(String path) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> io.restassured.RestAssured.given().baseUri(gateway()).auth().oauth2(ma.technopark.infra.DevTokens.admin())
                        .get(path).statusCode() < 500);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        platform();
    }
}
