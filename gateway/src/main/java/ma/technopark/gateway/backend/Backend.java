package ma.technopark.gateway.backend;

import java.net.URI;
import java.time.Duration;

/** One service behind the gateway: where it is, how long to wait for it, and its circuit. */
public record Backend(String name, URI url, Duration timeout, CircuitBreaker circuit) {

    /** The service's name as users know it, e.g. sites-service. */
    public String serviceName() {
        return name + "-service";
    }

    public int port() {
        return url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
    }

    /**
     * The origin the service sees in the Host header the gateway sends it, and so writes into the absolute URLs of its
     * answers ({@code Location}, {@code Link}): {@code http://host:port}, or {@code http://host} on port 80.
     */
    public String origin() {
        return "http://" + url.getHost() + (port() == 80 ? "" : ":" + port());
    }

    public URI resolve(String pathAndQuery) {
        return URI.create(url.toString().replaceAll("/+$", "") + pathAndQuery);
    }
}
