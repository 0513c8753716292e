package ma.technopark.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.technopark.infra.AppProcess;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Infra;
import ma.technopark.infra.Platform;
import ma.technopark.infra.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 100,000-row CSV export streams from a startups-service instance whose heap is capped at 128 MB: the rows go from
 * a database cursor to the socket, so the export's size does not show in the heap. The peak heap seen during the
 * download is written to target/csv-export-heap.txt.
 */
@ExtendWith(PlatformExtension.class)
class CsvExportSystemTest {
    private static final int STARTUPS = 25_000;
    private static final int ROWS = STARTUPS * 4;
    private static final String SITE = "CSVX";
    private static final int HEAP_MB = 128;
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)$",
            Pattern.MULTILINE);

    private static void seed(Infra infra) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl("startups"), infra.username(), infra.password())) {
            var exists = c.createStatement().executeQuery("SELECT count(*) FROM startup WHERE home_site_code = '" + SITE + "'");
            exists.next();
            if (exists.getLong(1) > 0) {
                return;
            }
            // Old reports (2001) of startups with no employees, so that the network's current figures do not move.
            c.createStatement().executeUpdate("""
                    INSERT INTO startup (id, kind, legal_name, brand_name, legal_form, sector, stage, status, founders,
                      home_site_code, created_at, updated_at, version)
                    SELECT gen_random_uuid(), 'INCORPORATED_STARTUP', 'Export ' || g || ' SARL',
                           CASE WHEN g %% 10 = 0 THEN 'تصدير ' || g ELSE 'Export, "' || g || '"' END, 'SARL', 'SOFTWARE',
                           'GROWTH', 'REGISTERED', '[]', '%s', now(), now(), 0
                    FROM generate_series(1, %d) g""".formatted(SITE, STARTUPS));
            c.createStatement().executeUpdate("""
                    INSERT INTO kpi_report (id, startup_id, year, quarter, revenue_mad, employees, funds_raised_mad, customers,
                      created_at, updated_at, version)
                    SELECT gen_random_uuid(), s.id, 2001, q, 1000.00, 0, 0, 1, now(), now(), 0
                    FROM startup s CROSS JOIN generate_series(1, 4) q WHERE s.home_site_code = '%s'""".formatted(SITE));
        }
    }

    private static long heapUsed(HttpClient http, String app) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(app + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long sum = 0;
            Matcher m = HEAP.matcher(metrics);
            while (m.find()) {
                sum += (long) Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void aHundredThousandRowsStreamUnderAFixedHeap() throws Exception {
        Platform platform = PlatformExtension.platform();
        seed(platform.infra());
        Path root = platform.root();
        Map<String, String> env = new HashMap<>(platform.infra().serviceEnvironment("startups"));
        env.put("QUARKUS_PROFILE", "local");
        env.put("TECHNOPARK_EVENTS_RELAY_ENABLED", "false");
        AppProcess app = new AppProcess("startups-export", root.resolve("startups-service/target/quarkus-app/quarkus-run.jar"),
                Ports.free(), env, List.of("-Xmx" + HEAP_MB + "m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
                root.resolve("system-tests/target/logs/startups-export.log")).start();
        try {
            app.awaitReady(Duration.ofMinutes(2));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicLong peak = new AtomicLong(heapUsed(http, app.url()));
            long before = peak.get();
            AtomicBoolean downloading = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (downloading.get()) {
                    peak.accumulateAndGet(heapUsed(http, app.url()), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long started = System.nanoTime();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                            URI.create(app.url() + "/api/v1/kpi-reports/export?siteCode=" + SITE))
                    .header("Authorization", "Bearer " + DevTokens.admin()).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            sampler.start();
            long lines = 0;
            long bytes = 0;
            byte[] head = new byte[3];
            boolean arabic = false;
            try (InputStream in = response.body()) {
                assertEquals(3, in.readNBytes(head, 0, 3));
                bytes += 3;
                byte[] buffer = new byte[64 * 1024];
                StringBuilder tail = new StringBuilder();
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                    if (!arabic) {
                        tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        arabic = tail.indexOf("تصدير") >= 0;
                        if (tail.length() > 1_000_000) {
                            tail.setLength(0);
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            downloading.set(false);
            sampler.join();
            peak.accumulateAndGet(heapUsed(http, app.url()), Math::max);
            assertTrue(app.running(), "the service is still up after the export");

            String figures = """
                    CSV export of %d KPI-report rows from startups-service (-Xmx%dm, SerialGC), streamed from a cursor:
                    bytes %d (%.1f MB), time %.2f s, heap used before %.1f MB, peak heap used during the download %.1f MB
                    """.formatted(ROWS, HEAP_MB, bytes, bytes / 1e6, seconds, before / 1e6, peak.get() / 1e6);
            Path out = root.resolve("system-tests/target/csv-export-heap.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, figures);
            System.out.print(figures);

            assertEquals(new String(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.ISO_8859_1),
                    new String(head, StandardCharsets.ISO_8859_1), "UTF-8 byte-order mark");
            assertEquals(ROWS + 1, lines, "a header and one line per report");
            assertTrue(arabic, "Arabic names arrive as UTF-8");
            assertTrue(bytes > 5_000_000, "the export is larger than the bound it stays under");
            assertTrue(peak.get() < HEAP_MB * 1024L * 1024L, "peak heap " + peak.get());
        } finally {
            app.stop();
        }
    }
}
