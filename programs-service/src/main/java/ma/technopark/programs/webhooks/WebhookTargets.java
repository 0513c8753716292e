package ma.technopark.programs.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import ma.technopark.platform.problem.ApiException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where webhooks may go (SSRF): http(s) URLs whose host resolves only to public addresses. Loopback, link-local,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), unspecified and multicast
 * addresses are refused, at subscription and again before each delivery (a name may change what it points to).
 * {@code technopark.webhooks.allow-private-targets=true} lifts this for loopback and private addresses in local runs
 * and tests (never in prod); link-local (where clouds serve instance metadata), unspecified and multicast addresses
 * stay refused even then.
 */
@ApplicationScoped
public class WebhookTargets {
    private final boolean allowPrivate;

    public WebhookTargets(@ConfigProperty(name = "technopark.webhooks.allow-private-targets", defaultValue = "false") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL, checked; a 400 naming {@code url} otherwise. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("url", "is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
            throw ApiException.invalid("url", "must be an http or https URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw ApiException.invalid("url", "must not carry credentials");
        }
        String reason = notPublic(uri.getHost());
        if (reason != null) {
            throw ApiException.invalid("url", reason);
        }
        return uri;
    }

    /** Null when every address of the host is public; else why not (also used before each delivery). */
    public String notPublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return allowPrivate ? null : "has a host that does not resolve";
        }
        for (InetAddress a : addresses) {
            if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
                return "must point at a public address, not the link-local, unspecified or multicast address " + a.getHostAddress();
            }
            if (!allowPrivate && (a.isLoopbackAddress() || a.isSiteLocalAddress() || carrierGradeNat(a) || uniqueLocal(a))) {
                return "must point at a public address, not " + a.getHostAddress();
            }
        }
        return null;
    }

    private static boolean carrierGradeNat(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
    }

    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC;
    }
}
