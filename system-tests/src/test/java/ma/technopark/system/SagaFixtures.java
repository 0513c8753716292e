package ma.technopark.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import ma.technopark.infra.DevTokens;

/** Sites, startups and accepted applications made through the HTTP API, for the saga's system tests. */
final class SagaFixtures {
    static final String ADMIN = DevTokens.admin();
    static final String PM_1 = DevTokens.subject("pm-sys-1").groups("programme-manager").sign();
    static final String PM_2 = DevTokens.subject("pm-sys-2").groups("programme-manager").sign();

    private SagaFixtures() {
    }

    static RequestSpecification api(String baseUri, String token) {
        return given().baseUri(baseUri).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** An operational site (through the gateway) hosting up to {@code capacity} startups, with a plateau of seats. */
    static String operationalSite(String code, int capacity, int seats) {
        String gateway = PlatformExtension.gateway();
        String id = api(gateway, ADMIN).body("""
                {"code": "%s", "name": {"fr": "Technopark saga"}, "city": "Essaouira", "region": "MARRAKECH_SAFI",
                 "kind": "TECHNOPARK", "hostingCapacity": %d}""".formatted(code, capacity))
                .post("/api/v1/sites").then().statusCode(201).extract().path("id");
        for (String status : new String[] {"UNDER_CONSTRUCTION", "OPERATIONAL"}) {
            api(gateway, ADMIN).body("{\"status\": \"" + status + "\"}").post("/api/v1/sites/" + id + "/status").then().statusCode(200);
        }
        api(gateway, ADMIN).body("{\"name\": \"Plateau\", \"type\": \"OPEN_WORKSPACE\", \"seats\": " + seats + "}")
                .post("/api/v1/sites/" + id + "/spaces").then().statusCode(201);
        return id;
    }

    static String startup(String baseUri, String name, String siteCode) {
        String ice = String.format("%015d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000_000L);
        String body = """
                {"kind": "INCORPORATED_STARTUP", "legalName": "%s SARL", "brandName": "%s", "ice": "%s", "legalForm": "SARL",
                 "sector": "SOFTWARE", "stage": "PROTOTYPE_MVP", "homeSiteCode": "%s",
                 "founders": [{"name": "Amine", "email": "amine@example.org", "role": "CEO"}]}""".formatted(name, name, ice, siteCode);
        String[] id = new String[1];
        // startups-service learns of the new site from its event: until then the site code is unknown (400). The
        // first try is at once (usually the one that succeeds: the suite makes a thousand startups in a row).
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(60)).until(() -> {
            Http.Exchange response = Http.send(baseUri, "POST", "/api/v1/startups", ADMIN, body);
            id[0] = response.status() == 201 ? Json.field(response.body(), "id") : null;
            return id[0] != null;
        });
        return id[0];
    }

    /** Submits, screens, reviews and accepts an application for 3 seats; answers its id. */
    static String accept(String baseUri, String startup, String siteCode) {
        String token = DevTokens.subject("founder-" + startup).groups("startup").startupId(startup).sign();
        String application = api(baseUri, token).body("{\"startupId\": \"" + startup + "\", \"siteCode\": \"" + siteCode + "\", \"seats\": 3}")
                .post("/api/v1/applications").then().statusCode(201).extract().path("id");
        api(baseUri, token).post("/api/v1/applications/" + application + "/submission").then().statusCode(200);
        api(baseUri, PM_1).post("/api/v1/applications/" + application + "/screening").then().statusCode(200);
        api(baseUri, PM_1).post("/api/v1/applications/" + application + "/committee").then().statusCode(200);
        for (String reviewer : new String[] {PM_1, PM_2}) {
            api(baseUri, reviewer).body("{\"innovation\": 5, \"team\": 4, \"market\": 4, \"impact\": 4}")
                    .post("/api/v1/applications/" + application + "/reviews").then().statusCode(201);
        }
        api(baseUri, PM_1).body("{\"outcome\": \"ACCEPTED\", \"reason\": \"Comité du mois\"}")
                .post("/api/v1/applications/" + application + "/decision").then().statusCode(200);
        return application;
    }
}
