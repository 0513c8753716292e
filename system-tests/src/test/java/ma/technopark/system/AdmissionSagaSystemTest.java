package ma.technopark.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admission saga across sites-service and startups-service running as processes on one broker, observed
 * only through the gateway's HTTP API.
 */
@ExtendWith(PlatformExtension.class)
class AdmissionSagaSystemTest {
    private static final String ADMIN = SagaFixtures.ADMIN;

    private static RequestSpecification api(String token) {
        return SagaFixtures.api(PlatformExtension.gateway(), token);
    }

    private static String startup(String name, String siteCode) {
        return SagaFixtures.startup(PlatformExtension.gateway(), name, siteCode);
    }

    private static String accept(String startup, String siteCode) {
        return SagaFixtures.accept(PlatformExtension.gateway(), startup, siteCode);
    }

    private static List<String> residencies(String startup, String status) {
        return api(ADMIN).queryParam("startupId", startup).queryParam("status", status).get("/api/v1/residencies")
                .then().statusCode(200).extract().path("items.id");
    }

    @Test
    void admittedWhenThereIsRoomWaitlistedWhenFullPromotedWhenAResidencyEnds() {
        String code = "SAGA" + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        String site = SagaFixtures.operationalSite(code, 1, 10);
        String first = startup("Premiere", code);
        String second = startup("Seconde", code);

        String firstApplication = accept(first, code);
        await().atMost(Duration.ofSeconds(60)).until(() -> residencies(first, "ADMITTED").size() == 1);
        api(ADMIN).queryParam("siteId", site).queryParam("status", "ACTIVE").get("/api/v1/allocations").then()
                .body("items.startupId", equalTo(List.of(first))).body("items[0].seats", equalTo(3));
        given().baseUri(PlatformExtension.gateway()).get("/api/v1/sites/" + site + "/occupancy").then().statusCode(200)
                .body("startupsHosted", equalTo(1)).body("byType[0].allocatedSeats", equalTo(3));
        api(ADMIN).get("/api/v1/applications/" + firstApplication).then().body("hosting", equalTo("ALLOCATED"));

        String secondApplication = accept(second, code);
        await().atMost(Duration.ofSeconds(60)).until(() -> "WAITLISTED".equals(
                api(ADMIN).get("/api/v1/applications/" + secondApplication).then().extract().path("hosting")));
        api(ADMIN).queryParam("siteId", site).get("/api/v1/allocations/waitlist").then()
                .body("startupId", equalTo(List.of(second)));

        String residency = residencies(first, "ADMITTED").get(0);
        api(ADMIN).body("{\"outcome\": \"GRADUATED\"}").post("/api/v1/residencies/" + residency + "/end").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> residencies(second, "ADMITTED").size() == 1);
        api(ADMIN).queryParam("siteId", site).queryParam("status", "ACTIVE").get("/api/v1/allocations").then()
                .body("items.startupId", equalTo(List.of(second)));
        api(ADMIN).queryParam("siteId", site).get("/api/v1/allocations/waitlist").then().body("size()", equalTo(0));
        given().baseUri(PlatformExtension.gateway()).queryParam("siteCode", code).get("/api/v1/startup-figures").then()
                .statusCode(200).body("startupsAccompanied", equalTo(2)).body("currentResidents", equalTo(1));
    }
}
