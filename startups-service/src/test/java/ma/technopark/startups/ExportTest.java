package ma.technopark.startups;

import static io.restassured.RestAssured.given;
import static ma.technopark.startups.StartupFixtures.ADMIN;
import static ma.technopark.startups.StartupFixtures.ice;
import static ma.technopark.startups.StartupFixtures.knownSite;
import static ma.technopark.startups.StartupFixtures.register;
import static ma.technopark.startups.StartupFixtures.startupJson;
import static ma.technopark.startups.StartupFixtures.startupToken;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import ma.technopark.infra.DevTokens;
import org.junit.jupiter.api.Test;

/** CSV exports for funders: what a spreadsheet opens, filtered by site and period, for the callers allowed to. */
@QuarkusTest
class ExportTest {
    private static final int LAST_YEAR = LocalDate.now().getYear() - 1;

    private static void report(String startup, int year, int quarter, String revenue) {
        given().auth().oauth2(startupToken(startup)).contentType(ContentType.JSON)
                .body("{\"year\": %d, \"quarter\": %d, \"revenue\": {\"amount\": \"%s\", \"currency\": \"MAD\"}, \"employees\": 4, \"fundsRaised\": {\"amount\": \"0.00\", \"currency\": \"MAD\"}, \"customers\": 12}"
                        .formatted(year, quarter, revenue))
                .post("/api/v1/startups/" + startup + "/kpi-reports").then().statusCode(201);
    }

    private static List<String> lines(byte[] csv) {
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv, 3), "UTF-8 byte-order mark");
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"));
        return List.of(text.split("\r\n"));
    }

    @Test
    void kpiReportsAsCsvBySiteAndPeriodWithArabicAndQuotesIntact() {
        String site = knownSite();
        String other = knownSite();
        String arabic = register(startupJson("تقنية المغرب", ice(), site, "SOFTWARE", "GROWTH"));
        String quoted = register(startupJson("Atlas, \\\"Data\\\" & Co", ice(), site, "FINTECH", "GROWTH"));
        String elsewhere = register(startupJson("Ailleurs", ice(), other, "EDTECH", "IDEA"));
        report(arabic, LAST_YEAR, 1, "100000.00");
        report(arabic, LAST_YEAR, 3, "300000.00");
        report(quoted, LAST_YEAR, 2, "50000.50");
        report(elsewhere, LAST_YEAR, 1, "9.00");

        byte[] csv = given().auth().oauth2(ADMIN).accept("text/csv").queryParam("siteCode", site)
                .get("/api/v1/kpi-reports/export").then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", "attachment; filename=\"kpi-reports.csv\"")
                .extract().asByteArray();
        List<String> lines = lines(csv);
        assertEquals("startupId,brandName,legalName,ice,siteCode,year,quarter,revenueMad,employees,fundsRaisedMad,customers,reportedAt",
                lines.get(0));
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith(arabic + ",تقنية المغرب,تقنية المغرب SARL,"), lines.get(1));
        assertTrue(lines.get(1).contains("," + site + "," + LAST_YEAR + ",1,100000.00,4,0.00,12,"), lines.get(1));
        assertTrue(lines.get(2).startsWith(quoted + ",\"Atlas, \"\"Data\"\" & Co\",\"Atlas, \"\"Data\"\" & Co SARL\","), lines.get(2));

        // the period: quarters that start within from..to
        List<String> q3 = lines(given().auth().oauth2(ADMIN).queryParam("siteCode", site)
                .queryParam("from", LAST_YEAR + "-07-01").queryParam("to", LAST_YEAR + "-09-30")
                .get("/api/v1/kpi-reports/export").then().statusCode(200).extract().asByteArray());
        assertEquals(2, q3.size());
        assertTrue(q3.get(1).contains(",3,300000.00,"));
        given().auth().oauth2(ADMIN).queryParam("from", "2026-01-02").queryParam("to", "2026-01-01")
                .get("/api/v1/kpi-reports/export").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyStaffExportAndASiteManagerOnlyTheirSites() {
        String site = knownSite();
        String manager = DevTokens.subject("sm-export").groups("site-manager").sites(site).sign();
        given().get("/api/v1/kpi-reports/export").then().statusCode(401);
        given().auth().oauth2(startupToken(java.util.UUID.randomUUID().toString())).get("/api/v1/kpi-reports/export")
                .then().statusCode(403);
        given().auth().oauth2(manager).queryParam("siteCode", "OTHER").get("/api/v1/kpi-reports/export").then().statusCode(403);
        given().auth().oauth2(manager).get("/api/v1/kpi-reports/export").then().statusCode(200);
        given().auth().oauth2(manager).get("/api/v1/residencies/export").then().statusCode(200);
    }

    @Test
    void residenciesAsCsv() {
        byte[] csv = given().auth().oauth2(ADMIN).get("/api/v1/residencies/export").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"residencies.csv\"").extract().asByteArray();
        assertEquals("residencyId,startupId,brandName,siteCode,seats,status,admittedOn,endedOn", lines(csv).get(0));
    }
}
