package ma.technopark.sites;

import java.util.concurrent.atomic.AtomicInteger;

/** Request bodies for tests; each call makes a site code no other test uses. */
public final class SiteFixtures {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private SiteFixtures() {
    }

    public static String uniqueCode() {
        return "T" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase() + SEQ.incrementAndGet();
    }

    public static String siteJson(String code) {
        return """
                {"code": "%s",
                 "name": {"fr": "Technopark de test", "ar": "تكنوبارك", "en": "Test Technopark"},
                 "city": "Essaouira", "region": "MARRAKECH_SAFI", "kind": "TECHNOPARK",
                 "inaugurationDate": "2023-11-24",
                 "investment": {"amount": "20000000.00", "currency": "MAD"},
                 "hostingCapacity": 70, "digitalNomadOffer": true}
                """.formatted(code);
    }
}
