package ma.technopark.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import ma.technopark.infra.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admission saga across sites-service and startups-service running as processes on one broker, observed
 * only through the gateway's HTTP API.
 */
@ExtendWith(PlatformExtension.class)
class AdmissionSagaSystemTest {
    private static final String ADMIN = DevTokens.admin();
    private static final String PM_1 = DevTokens.subject("pm-sys-1").groups("programme-manager").sign();
    private static final String PM_2 = DevTokens.subject("pm-sys-2").groups("programme-manager").sign();

    private static RequestSpecification api(String token) {
        return given().baseUri(PlatformExtension.gateway()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String operationalSite(String code) {
        String id = api(ADMIN).body("""
                {"code": "%s", "name": {"fr": "Technopark saga"}, "city": "Essaouira", "region": "MARRAKECH_SAFI",
                 "kind": "TECHNOPARK", "hostingCapacity": 1}""".formatted(code))
                .post("/api/v1/sites").then().statusCode(201).extract().path("id");
        for (String status : new String[] {"UNDER_CONSTRUCTION", "OPERATIONAL"}) {
            api(ADMIN).body("{\"status\": \"" + status + "\"}").post("/api/v1/sites/" + id + "/status").then().statusCode(200);
        }
        api(ADMIN).body("{\"name\": \"Plateau\", \"type\": \"OPEN_WORKSPACE\", \"seats\": 10}")
                .post("/api/v1/sites/" + id + "/spaces").then().statusCode(201);
        return id;
    }

    private static String startup(String name, String siteCode) {
        String ice = String.format("%015d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000_000L);
        String body = """
                {"kind": "INCORPORATED_STARTUP", "legalName": "%s SARL", "brandName": "%s", "ice": "%s", "legalForm": "SARL",
                 "sector": "SOFTWARE", "stage": "PROTOTYPE_MVP", "homeSiteCode": "%s",
                 "founders": [{"name": "Amine", "email": "amine@example.org", "role": "CEO"}]}""".formatted(name, name, ice, siteCode);
        String[] id = new String[1];
        // startups-service learns of the new site from its event: until then the site code is unknown (400)
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var response = api(ADMIN).body(body).post("/api/v1/startups");
            id[0] = response.statusCode() == 201 ? response.path("id") : null;
            return id[0] != null;
        });
        return id[0];
    }

    private static String accept(String startup, String siteCode) {
        String token = DevTokens.subject("founder-" + startup).groups("startup").startupId(startup).sign();
        String application = api(token).body("{\"startupId\": \"" + startup + "\", \"siteCode\": \"" + siteCode + "\", \"seats\": 3}")
                .post("/api/v1/applications").then().statusCode(201).extract().path("id");
        api(token).post("/api/v1/applications/" + application + "/submission").then().statusCode(200);
        api(PM_1).post("/api/v1/applications/" + application + "/screening").then().statusCode(200);
        api(PM_1).post("/api/v1/applications/" + application + "/committee").then().statusCode(200);
        for (String reviewer : new String[] {PM_1, PM_2}) {
            api(reviewer).body("{\"innovation\": 5, \"team\": 4, \"market\": 4, \"impact\": 4}")
                    .post("/api/v1/applications/" + application + "/reviews").then().statusCode(201);
        }
        api(PM_1).body("{\"outcome\": \"ACCEPTED\", \"reason\": \"Comité du mois\"}")
                .post("/api/v1/applications/" + application + "/decision").then().statusCode(200);
        return application;
    }

    private static List<String> residencies(String startup, String status) {
        return api(ADMIN).queryParam("startupId", startup).queryParam("status", status).get("/api/v1/residencies")
                .then().statusCode(200).extract().path("id");
    }

    @Test
    void admittedWhenThereIsRoomWaitlistedWhenFullPromotedWhenAResidencyEnds() {
        String code = "SAGA" + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        String site = operationalSite(code);
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
