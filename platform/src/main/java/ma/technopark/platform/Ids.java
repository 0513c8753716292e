package ma.technopark.platform;

import java.security.SecureRandom;
import java.util.UUID;

/** Time-ordered UUIDv7 ids (RFC 9562): sortable by creation time, so they make stable cursors. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long sequence;

    private Ids() {
    }

    /** A new UUIDv7; ids made by this JVM are strictly increasing. */
    public static synchronized UUID newId() {
        long now = System.currentTimeMillis();
        if (now <= lastMillis) {
            sequence++;
            if (sequence > 0xFFF) {
                lastMillis++;
                sequence = 0;
            }
            now = lastMillis;
        } else {
            lastMillis = now;
            sequence = RANDOM.nextInt(0x100);
        }
        long msb = (now << 16) | 0x7000L | (sequence & 0xFFF);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
