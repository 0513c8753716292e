package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Coverage on the reference network loaded at start (tests add sites only in cities it already covers). */
@QuarkusTest
class CoverageTest {

    @Test
    void theReferenceNetworkIsLoaded() {
        given().queryParam("limit", 100).queryParam("city", "Essaouira").queryParam("status", "OPERATIONAL")
                .get("/api/v1/sites").then().statusCode(200);
        given().get("/api/v1/network/coverage").then().statusCode(200)
                .body("plannedSites.code", hasItems("FES", "OUD", "TIZ"))
                .body("plannedSites.find { it.code == 'FES' }.expectedOpening", equalTo("2024-2025"));
    }

    @Test
    void fiveCitiesInFiveRegionsTodayEightAndSevenOnceThePlannedSitesOpen() {
        given().get("/api/v1/network/coverage").then().statusCode(200)
                .body("targets.cities", equalTo(10)).body("targets.regions", equalTo(7)).body("targets.year", equalTo(2026))
                .body("operational.cityCount", equalTo(5)).body("operational.regionCount", equalTo(5))
                .body("operational.cities", hasItems("Agadir", "Casablanca", "Essaouira", "Rabat", "Tanger"))
                .body("includingPlanned.cityCount", equalTo(8)).body("includingPlanned.regionCount", equalTo(7))
                .body("gapIncludingPlanned.cities", equalTo(2)).body("gapIncludingPlanned.regions", equalTo(0))
                .body("gapToday.cities", equalTo(5)).body("gapToday.regions", equalTo(2));
    }

    @Test
    void essaouiraCarriesTheFactsTheSourcesGive() {
        String id = given().queryParam("limit", 100).queryParam("city", "Essaouira").queryParam("kind", "TECHNOPARK")
                .queryParam("status", "OPERATIONAL").get("/api/v1/sites")
                .then().extract().path("items.find { it.code == 'ESS' }.id");
        given().get("/api/v1/sites/" + id).then().statusCode(200)
                .body("inaugurationDate", equalTo("2023-11-24"))
                .body("investment.amount", equalTo("20000000.00"))
                .body("hostingCapacity", equalTo(70))
                .body("digitalNomadOffer", equalTo(true))
                .body("name.ar", equalTo("تكنوبارك الصويرة"));
    }
}
