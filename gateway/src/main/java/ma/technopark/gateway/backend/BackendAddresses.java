package ma.technopark.gateway.backend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The addresses of a backend's host name, taken in turn, a refused one left out for a while. In compose a service's
 * replicas share its name (Docker's DNS answers with each replica's address); a client that took the name's first
 * address, as the JDK's resolver hands it, sent all of a service's traffic to one replica and, once that replica
 * stopped, failed until the JDK forgot its address (30 s). In Kubernetes a Service's name has one address, and
 * taking it in turn changes nothing.
 *
 * <p>The name is looked up again every {@link #REFRESH} on a thread of its own, never on the caller's (an event
 * loop); until the first lookup has answered, {@link #next()} gives {@code null} and the caller goes by name. The JDK
 * keeps an answer {@link #JDK_CACHE} in the gateway ({@link ma.technopark.gateway.GatewayMain}), less than the
 * refresh, so that each look-up asks the name's server again: a replica that comes up gets traffic within about 10 s.
 */
public final class BackendAddresses {
    /** How often the name is looked up again. */
    static final Duration REFRESH = Duration.ofSeconds(5);
    /** How long the JDK keeps a name's answer in the gateway (its default is 30 s): less than {@link #REFRESH}. */
    public static final Duration JDK_CACHE = Duration.ofSeconds(4);
    /** How long an address that refused a connection is left out, unless every address is. */
    static final Duration LEAVE_OUT = Duration.ofSeconds(10);

    private static final Executor LOOKUPS = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "backend-addresses");
        thread.setDaemon(true);
        return thread;
    });

    /** How a name becomes addresses: the JDK's resolver, or a test's. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final String host;
    private final Resolver resolver;
    private final Executor lookups;
    private final LongSupplier clock;
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicBoolean looking = new AtomicBoolean();
    private final ConcurrentHashMap<InetAddress, Long> leftOutUntil = new ConcurrentHashMap<>();
    private volatile List<InetAddress> addresses = List.of();
    private volatile long lookedUpAt;

    public BackendAddresses(String host) {
        this(host, InetAddress::getAllByName, LOOKUPS, System::nanoTime);
    }

    BackendAddresses(String host, Resolver resolver, Executor lookups, LongSupplier clock) {
        this.host = host;
        this.resolver = resolver;
        this.lookups = lookups;
        this.clock = clock;
        this.lookedUpAt = clock.getAsLong() - REFRESH.toNanos();
        lookUpIfDue();
    }

    /** The address for the next connection, or {@code null} while the name has not been looked up (go by name). */
    public InetAddress next() {
        lookUpIfDue();
        List<InetAddress> all = addresses;
        int count = all.size();
        if (count == 0) {
            return null;
        }
        int first = Math.floorMod(turn.getAndIncrement(), count);
        if (leftOutUntil.isEmpty()) {
            return all.get(first);
        }
        long now = clock.getAsLong();
        for (int i = 0; i < count; i++) {
            InetAddress candidate = all.get((first + i) % count);
            Long until = leftOutUntil.get(candidate);
            if (until == null || until - now <= 0) {
                return candidate;
            }
        }
        return all.get(first); // every address refused lately: try them in turn all the same
    }

    /** Whether the name has been looked up (and {@link #next()} gives addresses). */
    public boolean resolved() {
        return !addresses.isEmpty();
    }

    /** How many addresses the name has now (at least 1, for the name itself while it has not been looked up). */
    public int count() {
        return Math.max(1, addresses.size());
    }

    /** {@code address} refused a connection (or did not take one in time): leave it out for a while. */
    public void refused(InetAddress address) {
        if (address != null) {
            leftOutUntil.put(address, clock.getAsLong() + LEAVE_OUT.toNanos());
        }
    }

    /** {@code address} took a connection: it is in again. */
    public void connected(InetAddress address) {
        if (address != null && !leftOutUntil.isEmpty()) {
            leftOutUntil.remove(address);
        }
    }

    private void lookUpIfDue() {
        if (clock.getAsLong() - lookedUpAt < REFRESH.toNanos() || !looking.compareAndSet(false, true)) {
            return;
        }
        try {
            lookups.execute(this::lookUp);
        } catch (RuntimeException rejected) {
            looking.set(false);
        }
    }

    private void lookUp() {
        try {
            List<InetAddress> found = List.of(resolver.resolve(host));
            addresses = found;
            leftOutUntil.keySet().retainAll(found);
        } catch (UnknownHostException | RuntimeException e) {
            // keep the last answer: a name that does not resolve now (a service not up yet) is looked up again later
        } finally {
            lookedUpAt = clock.getAsLong();
            looking.set(false);
        }
    }
}
