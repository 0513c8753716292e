package ma.technopark.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both instances of sites-service are killed. The gateway answers 503 problem+json for its routes only; the other
 * services keep answering and accepting writes, and an application accepted meanwhile waits for its seats. When
 * sites-service returns, the admission saga resumes from the events it missed: the startup is admitted.
 */
@ExtendWith({PlatformExtension.class, SuiteSummary.class})
class ServiceDownSystemTest {
    private static final String ADMIN = DevTokens.admin();

    @Test
    void theOtherServicesKeepWorkingAndTheSagaResumesWhenItReturns() {
        Platform platform = PlatformExtension.platform();
        String gateway = PlatformExtension.gateway();
        String code = "SD" + Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
        SagaFixtures.operationalSite(code, 5, 20);
        String startup = SagaFixtures.startup(gateway, "Panne de service", code);
        List<String> sites = List.of(Platform.SITES, Platform.SITES + "-2");
        try {
            sites.forEach(name -> platform.app(name).kill());
            SuiteSummary.add(SuiteSummary.FAULTS, 1);
            Http.Exchange down = Http.send(gateway, "GET", "/api/v1/sites?limit=1", null, null);
            assertEquals(503, down.status(), down.body());
            assertTrue(down.contentType().startsWith("application/problem+json"), down.contentType());
            assertEquals(200, Http.send(gateway, "GET", "/api/v1/programmes", null, null).status());
            assertEquals(200, Http.send(gateway, "GET", "/api/v1/startups?limit=1", ADMIN, null).status());
            Http.Exchange written = Http.send(gateway, "POST", "/api/v1/startups", ADMIN,
                    BrokerOutageSystemTest.startupBody("Pendant la panne", code));
            assertEquals(201, written.status(), written.body());
            SuiteSummary.add(SuiteSummary.WRITES, 1);
            // the committee accepts while the sites are away: the allocation waits for them
            String application = SagaFixtures.accept(gateway, startup, code);
            SuiteSummary.add(SuiteSummary.WRITES, 7);
            assertEquals(0, residencies(gateway, startup));
            assertEquals("PENDING", hosting(gateway, application), "no allocation without sites-service");
        } finally {
            sites.forEach(name -> platform.app(name).start());
            sites.forEach(name -> platform.app(name).awaitReady(Duration.ofMinutes(2)));
        }
        PlatformExtension.awaitRouted("/api/v1/sites?limit=1");
        await().atMost(Duration.ofSeconds(90)).until(() -> residencies(gateway, startup) == 1);
    }

    private static int residencies(String gateway, String startup) {
        Http.Exchange e = Http.send(gateway, "GET", "/api/v1/residencies?startupId=" + startup + "&status=ADMITTED", ADMIN, null);
        assertEquals(200, e.status(), e.body());
        return Json.parse(e.body()).path("items").size();
    }

    private static String hosting(String gateway, String application) {
        return Json.field(Http.send(gateway, "GET", "/api/v1/applications/" + application, ADMIN, null).body(), "hosting");
    }
}
