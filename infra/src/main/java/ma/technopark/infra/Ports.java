package ma.technopark.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Free ports and port probes on the loopback interface. */
public final class Ports {
    private Ports() {
    }

    /** Ports this JVM has handed out, never handed out twice. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int LOWEST = 20_000;

    /**
     * A port free to bind now, below the kernel's ephemeral range: a port the kernel chose (bind to port 0) is
     * released until its user binds it, and meanwhile any outgoing connection may be given it as its local port,
     * which makes the later bind fail. Below that range only an explicit bind can take it.
     */
    public static int free() {
        int below = ephemeralLow();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; below > LOWEST + 1000 && attempt < 200; attempt++) {
            int port = random.nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or 0 when it cannot be read. */
    private static int ephemeralLow() {
        // read to the end of the stream: a file under /proc reports no size, and Files.readString trusts the size
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String range = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static boolean open(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
