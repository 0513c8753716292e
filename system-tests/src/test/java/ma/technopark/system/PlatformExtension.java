package ma.technopark.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import ma.technopark.infra.Infra;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the packaged platform once for all system tests (the same launcher as the run command): the
 * infrastructure, the three services and the gateway, each as its own process on free ports.
 */
public class PlatformExtension implements BeforeAllCallback {
    private static Platform platform;

    public static synchronized Platform platform() {
        if (platform == null) {
            Path root = Platform.findRoot();
            Infra infra = Infra.sharedForTests();
            platform = Platform.create(root, root.resolve("system-tests/target/logs"), infra, Platform.freePorts(), "local",
                    Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
            platform.start(Duration.ofMinutes(3));
        }
        return platform;
    }

    public static String gateway() {
        return platform().app(Platform.GATEWAY).url();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        platform();
    }
}
