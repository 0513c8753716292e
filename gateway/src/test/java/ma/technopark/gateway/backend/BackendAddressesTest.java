package ma.technopark.gateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackendAddressesTest {
    private static final InetAddress A = address(10, 0, 0, 1);
    private static final InetAddress B = address(10, 0, 0, 2);
    private static final InetAddress C = address(10, 0, 0, 3);

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final AtomicReference<InetAddress[]> answer = new AtomicReference<>(new InetAddress[] {A, B});
    private final List<Runnable> pending = new ArrayList<>();
    private int lookups;

    @Test
    void eachLookUpAsksAgainForTheJdkKeepsAnAnswerLessThanTheRefresh() {
        // 0 would turn the JDK's cache off for every other look-up of the gateway too
        org.junit.jupiter.api.Assertions.assertTrue(!BackendAddresses.JDK_CACHE.isNegative() && !BackendAddresses.JDK_CACHE.isZero()
                && BackendAddresses.JDK_CACHE.compareTo(BackendAddresses.REFRESH) < 0);
    }

    private BackendAddresses addresses() {
        return new BackendAddresses("sites-service", host -> {
            lookups++;
            InetAddress[] found = answer.get();
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found;
        }, pending::add, clock::get);
    }

    private void lookUpsAnswer() {
        List<Runnable> now = new ArrayList<>(pending);
        pending.clear();
        now.forEach(Runnable::run);
    }

    private void advanceSeconds(long seconds) {
        clock.addAndGet(seconds * 1_000_000_000L);
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void beforeTheFirstLookUpHasAnsweredTheCallerGoesByName() {
        BackendAddresses addresses = addresses();
        assertNull(addresses.next(), "not looked up on the caller's thread");
        assertEquals(1, addresses.count());
        lookUpsAnswer();
        assertEquals(A, addresses.next());
        assertEquals(2, addresses.count());
    }

    @Test
    void theAddressesAreTakenInTurn() {
        BackendAddresses addresses = addresses();
        lookUpsAnswer();
        List<InetAddress> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(addresses.next());
        }
        assertEquals(List.of(A, B, A, B), taken);
    }

    @Test
    void aRefusedAddressIsLeftOutForAWhileThenTriedAgain() {
        BackendAddresses addresses = addresses();
        lookUpsAnswer();
        addresses.refused(A);
        for (int i = 0; i < 4; i++) {
            assertEquals(B, addresses.next(), "only B while A is left out");
        }
        advanceSeconds(BackendAddresses.LEAVE_OUT.toSeconds() + 1);
        lookUpsAnswer();
        List<InetAddress> taken = List.of(addresses.next(), addresses.next());
        assertEquals(2, taken.stream().distinct().count(), "A is in again: " + taken);
    }

    @Test
    void anAddressThatTakesAConnectionIsInAgainAtOnce() {
        BackendAddresses addresses = addresses();
        lookUpsAnswer();
        addresses.refused(A);
        addresses.connected(A);
        assertEquals(2, List.of(addresses.next(), addresses.next()).stream().distinct().count());
    }

    @Test
    void whenEveryAddressRefusedTheyAreStillTriedInTurn() {
        BackendAddresses addresses = addresses();
        lookUpsAnswer();
        addresses.refused(A);
        addresses.refused(B);
        assertEquals(List.of(A, B, A), List.of(addresses.next(), addresses.next(), addresses.next()));
    }

    @Test
    void theNameIsLookedUpAgainAfterAWhileAndAFailedLookUpKeepsTheLastAnswer() {
        BackendAddresses addresses = addresses();
        lookUpsAnswer();
        addresses.next();
        assertEquals(1, lookups);
        assertEquals(0, pending.size(), "not looked up again before it is due");

        answer.set(new InetAddress[] {A, B, C}); // a replica more
        advanceSeconds(BackendAddresses.REFRESH.toSeconds());
        addresses.next();
        addresses.next();
        assertEquals(1, pending.size(), "one look-up at a time");
        lookUpsAnswer();
        assertEquals(3, addresses.count());

        answer.set(null); // the name does not resolve for a moment
        advanceSeconds(BackendAddresses.REFRESH.toSeconds());
        addresses.next();
        lookUpsAnswer();
        assertEquals(3, addresses.count(), "the last answer is kept");
        assertEquals(3, lookups);
    }

    @Test
    void aReplicaGoneFromTheAnswerIsForgotten() {
        BackendAddresses addresses = addresses();
        lookUpsAnswer();
        addresses.refused(A);
        answer.set(new InetAddress[] {B});
        advanceSeconds(BackendAddresses.REFRESH.toSeconds());
        addresses.next();
        lookUpsAnswer();
        assertEquals(1, addresses.count());
        assertEquals(B, addresses.next());
    }
}
