package ma.technopark.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL stops for 20 seconds while writes and reads keep coming through the gateway. Meanwhile every service
 * reports not ready, and every failed call is a 503 problem+json, never a 500; nothing is half-written (each startup
 * that exists has its event in the outbox). When PostgreSQL returns, the same processes become ready again and accept
 * writes, and the events of the writes made before the outage reach their consumers.
 */
@ExtendWith({PlatformExtension.class, SuiteSummary.class})
class DatabaseOutageSystemTest {
    private static final String ADMIN = DevTokens.admin();
    private static final List<String> SERVICES = List.of(Platform.SITES, Platform.STARTUPS, Platform.PROGRAMS,
            Platform.SITES + "-2", Platform.STARTUPS + "-2", Platform.PROGRAMS + "-2");

    @Test
    void servicesAnswer503WhileTheDatabaseIsDownAndRecoverWithoutARestart() throws Exception {
        Platform platform = PlatformExtension.platform();
        String gateway = PlatformExtension.gateway();
        String run = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
        String home = "DB" + run;
        assertEquals(201, Http.send(gateway, "POST", "/api/v1/sites", ADMIN, BrokerOutageSystemTest.siteBody(home)).status());
        await().atMost(Duration.ofSeconds(60)).until(() -> Databases.count("startups", "SELECT count(*) FROM known_site WHERE code = ?", home) == 1);
        String since = Databases.text("startups", "SELECT now()::text");
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<Http.Exchange> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger n = new AtomicInteger();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                while (loading.get()) {
                    int i = n.incrementAndGet();
                    String name = "Panne " + run + " " + i;
                    Http.Exchange e = i % 2 == 0
                            ? Http.send(gateway, "POST", "/api/v1/startups", ADMIN, BrokerOutageSystemTest.startupBody(name, home))
                            : Http.send(gateway, "GET", "/api/v1/startups?limit=5", ADMIN, null);
                    statuses.computeIfAbsent(e.status(), k -> new AtomicLong()).incrementAndGet();
                    if (e.status() == 201) {
                        created.add(Json.field(e.body(), "id"));
                    } else if (e.status() != 200 && (e.status() != 503 || !e.contentType().startsWith("application/problem+json"))) {
                        wrong.add(e);
                    }
                    if (i % 2 == 0) {
                        SuiteSummary.add(SuiteSummary.WRITES, 1);
                    }
                }
            }, "db-outage-load-" + t);
            thread.start();
            load.add(thread);
        }
        try {
            Thread.sleep(2000);
            platform.infra().postgres().stop();
            SuiteSummary.add(SuiteSummary.FAULTS, 1);
            long stopped = System.nanoTime();
            // every instance says it is not ready while its database is away
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (String app : SERVICES) {
                    assertEquals(503, platform.app(app).status("/q/health/ready"), app + " is not ready without its database");
                }
            });
            Thread.sleep(Math.max(0, 20_000 - (System.nanoTime() - stopped) / 1_000_000));
            platform.infra().postgres().start();
            // the same processes are ready again and accept writes
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String app : SERVICES) {
                    assertEquals(200, platform.app(app).status("/q/health/ready"), app + " is ready again");
                }
            });
            int before = created.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> created.size() > before + 10);
        } finally {
            loading.set(false);
            for (Thread t : load) {
                t.join(60_000);
            }
            if (!platform.infra().postgres().running()) {
                platform.infra().postgres().start();
            }
        }
        SuiteSummary.add("503 answers during the database outage", statuses.getOrDefault(503, new AtomicLong()).get());
        assertTrue(wrong.isEmpty(), "only 200, 201 and 503 problem+json: " + wrong.subList(0, Math.min(5, wrong.size())));
        assertTrue(statuses.getOrDefault(503, new AtomicLong()).get() > 0, "the outage was seen: " + statuses);
        SuiteSummary.add(SuiteSummary.SERVER_ERRORS, statuses.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                .mapToLong(e -> e.getValue().get()).sum());
        // nothing half-written: every startup answered 201 exists once, and every startup of the run has its event
        assertEquals(created.size(), Databases.count("startups", "SELECT count(*) FROM startup WHERE id::text = ANY(?)", created));
        assertEquals(0, Databases.count("startups", "SELECT count(*) FROM startup s WHERE s.created_at >= ?::timestamptz"
                + " AND NOT EXISTS (SELECT 1 FROM outbox_event o WHERE o.record_key = s.id::text)", since));
        // and the events flow again: programs-service holds a copy of every startup written
        await().atMost(Duration.ofSeconds(120)).until(() -> Databases.count("programs",
                "SELECT count(*) FROM startup_replica WHERE id::text = ANY(?)", created) == created.size());
    }
}
