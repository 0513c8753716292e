package ma.technopark.sites;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import ma.technopark.infra.DevTokens;

/** Operational sites with spaces, made through the API. */
final class HostingFixtures {
    static final String ADMIN = DevTokens.admin();

    private HostingFixtures() {
    }

    /** An operational site in Essaouira (so that coverage figures do not move) with the given capacity in startups. */
    static String operationalSite(Integer capacity) {
        String body = SiteFixtures.siteJson(SiteFixtures.uniqueCode())
                .replace("\"hostingCapacity\": 70", "\"hostingCapacity\": " + capacity);
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/sites")
                .then().statusCode(201).extract().path("id");
        for (String status : new String[] {"UNDER_CONSTRUCTION", "OPERATIONAL"}) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"status\": \"" + status + "\"}")
                    .post("/api/v1/sites/" + id + "/status").then().statusCode(200);
        }
        return id;
    }

    static String space(String siteId, String type, int seats) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Espace " + type + "\", \"type\": \"" + type + "\", \"seats\": " + seats
                        + ", \"areaM2\": 80, \"amenities\": [\"wifi\", \"climatisation\"]}")
                .post("/api/v1/sites/" + siteId + "/spaces").then().statusCode(201).extract().path("id");
    }

    static String allocationJson(String siteId, String spaceId, String startupId, int seats, String start, String end,
            boolean waitlist) {
        return "{\"siteId\": \"" + siteId + "\"" + (spaceId == null ? "" : ", \"spaceId\": \"" + spaceId + "\"")
                + ", \"startupId\": \"" + startupId + "\", \"seats\": " + seats + ", \"startDate\": \"" + start + "\""
                + (end == null ? "" : ", \"endDate\": \"" + end + "\"") + ", \"waitlistIfFull\": " + waitlist + "}";
    }

    /**
     * Asserts that the summary {@code name} (decisions per transaction) on the service's Prometheus endpoint
     * counts more decisions than transactions: some were taken several to a transaction.
     */
    static void assertBatched(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double transactions = metric(metrics, name + "_count");
        double decisions = metric(metrics, name + "_sum");
        org.junit.jupiter.api.Assertions.assertTrue(decisions > transactions,
                name + ": " + decisions + " decisions in " + transactions + " transactions");
    }

    /** A meter's value in sites-service's Prometheus page (summed over its tags). */
    static double metric(String name) {
        return metric(given().get("/q/metrics").then().statusCode(200).extract().asString(), name);
    }

    private static double metric(String prometheus, String name) {
        return prometheus.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
