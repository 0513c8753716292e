package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.HostingFixtures.ADMIN;
import static ma.technopark.sites.HostingFixtures.allocationJson;
import static ma.technopark.sites.HostingFixtures.space;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import ma.technopark.testing.ConditionalGets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NomadAndOccupancyTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Africa/Casablanca"));

    private static String nomadSite(int nomadSeats) {
        String body = SiteFixtures.siteJson(SiteFixtures.uniqueCode())
                .replace("\"digitalNomadOffer\": true", "\"digitalNomadOffer\": true, \"nomadSeats\": " + nomadSeats);
        String id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/sites")
                .then().statusCode(201).extract().path("id");
        for (String status : new String[] {"UNDER_CONSTRUCTION", "OPERATIONAL"}) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"status\": \"" + status + "\"}")
                    .post("/api/v1/sites/" + id + "/status").then().statusCode(200);
        }
        return id;
    }

    private static io.restassured.response.ValidatableResponse pass(String site, String kind, LocalDate start) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"siteId\": \"" + site + "\", \"holderName\": \"Lina Haddad\", \"holderEmail\": \"lina@example.org\","
                        + " \"kind\": \"" + kind + "\", \"startDate\": \"" + start + "\"}")
                .post("/api/v1/nomad-passes").then();
    }

    @Test
    void neverMoreNomadsThanSeatsOnADay() {
        String site = nomadSite(2);
        pass(site, "WEEK", TODAY.plusDays(1)).statusCode(201).body("validUntil", equalTo(TODAY.plusDays(8).toString()));
        pass(site, "DAY", TODAY.plusDays(3)).statusCode(201);
        pass(site, "MONTH", TODAY.plusDays(2)).statusCode(409).contentType("application/problem+json")
                .body("type", containsString("nomad-seats-full"));
        pass(site, "DAY", TODAY.plusDays(4)).statusCode(201); // the day pass of day 3 is over
        pass(site, "DAY", TODAY.plusDays(8)).statusCode(201); // the week pass is over
    }

    @Test
    void checkInAndOutAndWhoIsInNow() {
        String site = nomadSite(5);
        String id = pass(site, "DAY", TODAY).statusCode(201).extract().path("id");
        String later = pass(site, "DAY", TODAY.plusDays(2)).statusCode(201).extract().path("id");
        given().auth().oauth2(ADMIN).get("/api/v1/nomad-passes/" + later).then().statusCode(200)
                .body("kind", equalTo("DAY")).body("validFrom", equalTo(TODAY.plusDays(2).toString()));
        given().auth().oauth2(ADMIN).get("/api/v1/nomad-passes/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/nomad-passes/" + later).then().statusCode(401);
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/check-ins").then().statusCode(201)
                .body("holderName", equalTo("Lina Haddad"));
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/check-ins").then().statusCode(409);
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + later + "/check-ins").then().statusCode(409)
                .body("type", containsString("pass-not-valid-today"));
        given().auth().oauth2(ADMIN).queryParam("siteId", site).get("/api/v1/nomad-passes/present").then().statusCode(200)
                .body("passId", hasItem(id));
        given().get("/api/v1/sites/" + site + "/occupancy").then().statusCode(200)
                .body("nomads.seats", equalTo(5)).body("nomads.passesValid", equalTo(1)).body("nomads.presentNow", equalTo(1));
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/check-outs").then().statusCode(200);
        given().auth().oauth2(ADMIN).queryParam("siteId", site).get("/api/v1/nomad-passes/present").then().body("", hasSize(0));
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/check-outs").then().statusCode(409);
    }

    private static String issue(String site, String email, LocalDate start) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"siteId\": \"" + site + "\", \"holderName\": \"Nomade\", \"holderEmail\": \"" + email + "\","
                        + " \"kind\": \"DAY\", \"startDate\": \"" + start + "\"}")
                .post("/api/v1/nomad-passes").then().statusCode(201).extract().path("id");
    }

    private static String manager(String site) {
        String code = given().get("/api/v1/sites/" + site).then().statusCode(200).extract().path("code");
        return ma.technopark.infra.DevTokens.subject("nomad-desk-" + code).groups("site-manager").sites(code).sign();
    }

    @Test
    void theFrontDeskFindsAPassByHolderOrDayAndOnlyAtItsOwnSite() {
        String site = nomadSite(10);
        String lina = issue(site, "lina@example.org", TODAY);
        String omar = issue(site, "omar@example.org", TODAY);
        String later = issue(site, "Lina@Example.org", TODAY.plusDays(3));
        String desk = manager(site);
        java.util.List<String> all = new java.util.ArrayList<>();
        var first = given().auth().oauth2(desk).queryParam("siteId", site).queryParam("limit", 2).get("/api/v1/nomad-passes")
                .then().statusCode(200).extract();
        all.addAll(first.path("items.id"));
        all.addAll(given().auth().oauth2(desk).queryParam("siteId", site).queryParam("limit", 2)
                .queryParam("cursor", (String) first.path("next")).get("/api/v1/nomad-passes").then().statusCode(200)
                .body("next", equalTo(null)).extract().path("items.id"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.stream.Stream.of(lina, omar, later).sorted().toList(), all);
        given().auth().oauth2(desk).queryParam("siteId", site).queryParam("holderEmail", " LINA@example.org ")
                .get("/api/v1/nomad-passes").then().statusCode(200)
                .body("items.id", equalTo(java.util.stream.Stream.of(lina, later).sorted().toList()));
        given().auth().oauth2(desk).queryParam("siteId", site).queryParam("validOn", TODAY.plusDays(3).toString())
                .get("/api/v1/nomad-passes").then().statusCode(200).body("items.id", equalTo(java.util.List.of(later)));
        given().auth().oauth2(desk).queryParam("siteId", site).queryParam("validOn", "demain").get("/api/v1/nomad-passes")
                .then().statusCode(400).body("errors.field", hasItem("validOn"));
        given().auth().oauth2(desk).get("/api/v1/nomad-passes").then().statusCode(400).body("errors.field", hasItem("siteId"));
        given().auth().oauth2(desk).get("/api/v1/nomad-passes/" + omar).then().statusCode(200).body("holderEmail", equalTo("omar@example.org"));

        // a manager of another site reads none of them: passes name and address their holders
        String elsewhere = manager(nomadSite(1));
        given().auth().oauth2(elsewhere).queryParam("siteId", site).get("/api/v1/nomad-passes").then().statusCode(403);
        given().auth().oauth2(elsewhere).get("/api/v1/nomad-passes/" + omar).then().statusCode(403);
        given().auth().oauth2(elsewhere).queryParam("siteId", site).get("/api/v1/nomad-passes/present").then().statusCode(403);
        given().auth().oauth2(elsewhere).post("/api/v1/nomad-passes/" + omar + "/cancellation").then().statusCode(403);
    }

    @Test
    void aCancelledPassFreesItsSeatAndIsCancelledOnce() {
        String site = nomadSite(1);
        String id = issue(site, "lina@example.org", TODAY);
        pass(site, "DAY", TODAY).statusCode(409).body("type", containsString("nomad-seats-full"));
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/check-ins").then().statusCode(201);
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/cancellation").then().statusCode(409)
                .body("type", containsString("already-checked-in"));
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/check-outs").then().statusCode(200);
        String valid = given().auth().oauth2(ADMIN).get("/api/v1/nomad-passes/" + id).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(manager(site)).post("/api/v1/nomad-passes/" + id + "/cancellation").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        given().auth().oauth2(ADMIN).header("If-None-Match", valid).get("/api/v1/nomad-passes/" + id).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        ConditionalGets.assertVersionIsTheETag(ADMIN, "/api/v1/nomad-passes/" + id);
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/cancellation").then().statusCode(409)
                .body("type", containsString("pass-cancelled"));
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + id + "/check-ins").then().statusCode(409);
        pass(site, "DAY", TODAY).statusCode(201); // its seat is free again
        given().auth().oauth2(ADMIN).queryParam("siteId", site).queryParam("status", "CANCELLED").get("/api/v1/nomad-passes")
                .then().statusCode(200).body("items.id", equalTo(java.util.List.of(id)));
        given().auth().oauth2(ADMIN).post("/api/v1/nomad-passes/" + UUID.randomUUID() + "/cancellation").then().statusCode(404);
    }

    @Test
    void twentyConcurrentCancellationsOfOnePassGiveOne() {
        String id = issue(nomadSite(3), "sara@example.org", TODAY);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest cancel = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/v1/nomad-passes/" + id + "/cancellation"))
                .header("Authorization", "Bearer " + ADMIN).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        java.util.Map<Integer, Long> statuses = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> http.sendAsync(cancel, java.net.http.HttpResponse.BodyHandlers.discarding())).toList().stream()
                .collect(java.util.stream.Collectors.groupingBy(f -> f.join().statusCode(), java.util.stream.Collectors.counting()));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(200, 1L, 409, 19L), statuses);
    }

    @Test
    void aSiteWithoutTheOfferIssuesNoPassAndBadInputIs400() {
        String site = HostingFixtures.operationalSite(null);
        pass(site, "DAY", TODAY).statusCode(409).body("type", containsString("no-nomad-offer"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"siteId\": \"" + site + "\", \"holderName\": \"\", \"holderEmail\": \"not-an-email\", \"kind\": \"YEAR\","
                        + " \"startDate\": \"" + TODAY + "\"}")
                .post("/api/v1/nomad-passes").then().statusCode(400);
        pass(nomadSite(1), "DAY", TODAY.minusDays(1)).statusCode(400).body("errors.field", hasItem("startDate"));
    }

    @Test
    void occupancyTodayAndDayByDayComesFromTheRecords() {
        String site = HostingFixtures.operationalSite(10);
        String open = space(site, "OPEN_WORKSPACE", 10);
        space(site, "PRIVATE_OFFICE", 4);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, open, UUID.randomUUID().toString(), 4, TODAY.toString(), null, false))
                .post("/api/v1/allocations").then().statusCode(201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, open, UUID.randomUUID().toString(), 2, TODAY.plusDays(1).toString(), null, false))
                .post("/api/v1/allocations").then().statusCode(201);
        given().get("/api/v1/sites/" + site + "/occupancy").then().statusCode(200)
                .body("startupsHosted", equalTo(1)).body("hostingCapacity", equalTo(10))
                .body("byType.find { it.type == 'OPEN_WORKSPACE' }.allocatedSeats", equalTo(4))
                .body("byType.find { it.type == 'OPEN_WORKSPACE' }.rate", equalTo(0.4f))
                .body("byType.find { it.type == 'PRIVATE_OFFICE' }.allocatedSeats", equalTo(0));
        given().queryParam("from", TODAY.toString()).queryParam("to", TODAY.plusDays(2).toString())
                .get("/api/v1/sites/" + site + "/occupancy/history").then().statusCode(200)
                .body("", hasSize(3))
                .body("[0].byType.find { it.type == 'OPEN_WORKSPACE' }.allocatedSeats", equalTo(4))
                .body("[1].byType.find { it.type == 'OPEN_WORKSPACE' }.allocatedSeats", equalTo(6))
                .body("[1].startupsHosted", equalTo(2));
        given().queryParam("from", TODAY.toString()).queryParam("to", TODAY.minusDays(1).toString())
                .get("/api/v1/sites/" + site + "/occupancy/history").then().statusCode(400);
    }

    @Test
    void theNetworksOccupancyAddsUpItsOperationalSites() {
        io.restassured.path.json.JsonPath before = given().get("/api/v1/network/occupancy").then().statusCode(200).extract().jsonPath();
        String site = HostingFixtures.operationalSite(10);
        String open = space(site, "OPEN_WORKSPACE", 10);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, open, UUID.randomUUID().toString(), 4, TODAY.toString(), null, false))
                .post("/api/v1/allocations").then().statusCode(201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, open, UUID.randomUUID().toString(), 3, TODAY.plusDays(3).toString(), null, false))
                .post("/api/v1/allocations").then().statusCode(201);
        String planned = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(SiteFixtures.siteJson(SiteFixtures.uniqueCode())).post("/api/v1/sites").then().statusCode(201)
                .extract().path("id");
        space(planned, "OPEN_WORKSPACE", 50);
        // a site that declares no capacity in startups: its startups count as hosted, not against the declared capacity
        String unbounded = HostingFixtures.operationalSite(null);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(unbounded, space(unbounded, "OPEN_WORKSPACE", 5), UUID.randomUUID().toString(), 2,
                        TODAY.toString(), null, false))
                .post("/api/v1/allocations").then().statusCode(201);

        given().get("/api/v1/network/occupancy").then().statusCode(200)
                .body("date", equalTo(TODAY.toString()))
                .body("sites", equalTo(before.getInt("sites") + 2))
                .body("hostingCapacity", equalTo(before.getInt("hostingCapacity") + 10))
                .body("sitesWithoutHostingCapacity", equalTo(before.getInt("sitesWithoutHostingCapacity") + 1))
                .body("seats", equalTo(before.getInt("seats") + 15))
                .body("allocatedSeats", equalTo(before.getInt("allocatedSeats") + 6))
                .body("startupsHosted", equalTo(before.getInt("startupsHosted") + 2))
                .body("startupsHostedAtSitesWithCapacity", equalTo(before.getInt("startupsHostedAtSitesWithCapacity") + 1));
    }
}
