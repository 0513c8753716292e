package ma.technopark.gateway.backend;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

/** One service behind the gateway: where it is (its name and that name's addresses), how long to wait, its circuit. */
public record Backend(String name, URI url, Duration timeout, CircuitBreaker circuit, BackendAddresses addresses) {

    public Backend(String name, URI url, Duration timeout, CircuitBreaker circuit) {
        this(name, url, timeout, circuit, new BackendAddresses(url.getHost()));
    }

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
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + basePath() + pathAndQuery);
    }

    /** The same on one of the name's addresses rather than the name (a JDK client cannot send another Host). */
    public URI resolve(String pathAndQuery, InetAddress address) {
        if (address == null) {
            return resolve(pathAndQuery);
        }
        String literal = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create(url.getScheme() + "://" + literal + ":" + port() + basePath() + pathAndQuery);
    }

    /** The URL's own path, if any, without its trailing slashes. */
    private String basePath() {
        return url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
    }
}
