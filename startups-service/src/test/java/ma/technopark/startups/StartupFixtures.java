package ma.technopark.startups;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;

/** Data made the way the platform makes it: sites arrive as sites-service events, startups through the API. */
final class StartupFixtures {
    static final String ADMIN = DevTokens.admin();
    static final String MANAGER = DevTokens.subject("pm-1").groups("programme-manager").sign();
    static final String MANAGER_2 = DevTokens.subject("pm-2").groups("programme-manager").sign();
    private static final AtomicLong ICE = new AtomicLong(System.nanoTime() % 100_000_000_000L * 1000);

    private StartupFixtures() {
    }

    /** A site this service learns from a sites-service event (as it would in production). */
    static String knownSite() {
        String code = "K" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        UUID id = UUID.randomUUID();
        String event = """
                {"specversion":"1.0","id":"%s","source":"/sites-service","type":"ma.technopark.sites.site.registered",
                 "time":"2026-11-26T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"id":"%s","code":"%s","nameFr":"Site de test","city":"Essaouira","region":"MARRAKECH_SAFI",
                         "kind":"TECHNOPARK","status":"OPERATIONAL","hostingCapacity":70,"version":1}}
                """.formatted(UUID.randomUUID(), id, id, code);
        EventProbe.send("technopark.sites.v1", List.of(Map.entry(id.toString(), event)));
        await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count("SELECT count(*) FROM known_site WHERE code = ?", code) == 1);
        return code;
    }

    static String ice() {
        return String.format("%015d", ICE.incrementAndGet() % 1_000_000_000_000_000L);
    }

    static String startupJson(String brand, String ice, String site, String sector, String stage) {
        return """
                {"kind": "INCORPORATED_STARTUP", "legalName": "%s SARL", "brandName": "%s", "ice": "%s", "rcNumber": "RC 1",
                 "legalForm": "SARL", "sector": "%s", "stage": "%s", "foundingDate": "2023-05-10",
                 "founders": [{"name": "Salma Bennani", "email": "salma@example.org", "role": "CEO"}],
                 "homeSiteCode": %s, "description": {"fr": "Une startup", "ar": "شركة ناشئة"}, "website": "https://example.org"}
                """.formatted(brand, brand, ice, sector, stage, site == null ? "null" : "\"" + site + "\"");
    }

    static String register(String json) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json).post("/api/v1/startups")
                .then().statusCode(201).extract().path("id");
    }

    static String startupToken(String startupId) {
        return DevTokens.subject("founder-" + startupId).groups("startup").startupId(startupId).sign();
    }
}
