package ma.technopark.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo data set, loaded by the platform's two instances of each service at once: once, and with published-order figures. */
@ExtendWith(PlatformExtension.class)
class DemoDataSystemTest {

    @Test
    void loadedOnceThoughTwoInstancesOfEachServiceStartedWithIt() {
        for (String db : new String[] {"sites", "startups", "programs"}) {
            assertEquals(1, Databases.count(db, "SELECT count(*) FROM demo_data"), db);
        }
        assertEquals(3600, Databases.count("startups", "SELECT count(*) FROM startup WHERE brand_name LIKE 'Démo %'"));
        assertEquals(5, Databases.count("programs", "SELECT count(*) FROM programme WHERE code LIKE 'DEMO-%'"));
    }

    @Test
    void theDashboardShowsFiguresOfThePublishedOrderThatAreSumsOverTheRecords() throws Exception {
        JsonNode d = new ObjectMapper().readTree(given().baseUri(PlatformExtension.gateway())
                .get("/api/v1/network/dashboard").then().statusCode(200).extract().asByteArray());
        assertTrue(d.path("complete").asBoolean(), d.toString());

        long accompanied = d.at("/startups/accompanied").asLong();
        long residents = d.at("/startups/residents").asLong();
        BigDecimal revenue = new BigDecimal(d.at("/startups/revenue/amount").asText());
        long jobs = d.at("/startups/jobs").asLong();
        long beneficiaries = d.at("/beneficiaries/count").asLong();
        int year = LocalDate.now(ZoneId.of("Africa/Casablanca")).getYear() - 1;

        // of the published order: thousands accompanied, over a billion MAD, thousands of jobs, about 1,300 beneficiaries
        assertTrue(accompanied >= 3000, "accompanied " + accompanied);
        assertTrue(revenue.compareTo(new BigDecimal("1000000000")) > 0, "revenue " + revenue);
        assertTrue(jobs >= 3000, "jobs " + jobs);
        assertTrue(beneficiaries >= 1200 && beneficiaries <= 1600, "beneficiaries " + beneficiaries);

        // and sums over the records, read straight from the databases
        assertEquals(Databases.count("startups", "SELECT count(DISTINCT startup_id) FROM residency"), accompanied);
        assertEquals(Databases.count("startups", "SELECT count(*) FROM residency WHERE status IN ('ADMITTED', 'RESIDENT')"), residents);
        assertEquals(0, Databases.number("startups", "SELECT coalesce(sum(revenue_mad), 0) FROM kpi_report WHERE year = ?", year)
                .compareTo(revenue));
        assertEquals(Databases.count("startups", """
                SELECT coalesce(sum(employees), 0) FROM (SELECT DISTINCT ON (startup_id) employees FROM kpi_report
                ORDER BY startup_id, year DESC, quarter DESC) latest"""), jobs);
        assertEquals(Databases.count("programs",
                "SELECT count(DISTINCT startup_id) FROM enrolment WHERE status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED')"), beneficiaries);
        assertEquals(Databases.count("sites", """
                SELECT coalesce(sum(a.seats), 0) FROM allocation a JOIN site s ON s.id = a.site_id AND s.status = 'OPERATIONAL'
                WHERE a.status = 'ACTIVE' AND a.period @> CAST(? AS date)""", LocalDate.now(ZoneId.of("Africa/Casablanca"))),
                d.at("/occupancy/allocatedSeats").asLong());
    }
}
