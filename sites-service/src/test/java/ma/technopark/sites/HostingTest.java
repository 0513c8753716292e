package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.HostingFixtures.ADMIN;
import static ma.technopark.sites.HostingFixtures.allocationJson;
import static ma.technopark.sites.HostingFixtures.operationalSite;
import static ma.technopark.sites.HostingFixtures.space;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.ConditionalGets;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HostingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/api/v1/allocations")
    URL allocations;

    /** Every instant where some space or site holds more than its capacity (must be none). */
    static long overbookedInstants() {
        return TestInfra.count("""
                SELECT count(*) FROM (
                  SELECT s.id, p.day,
                         (SELECT coalesce(sum(a.seats), 0) FROM allocation a
                          WHERE a.space_id = s.id AND a.status = 'ACTIVE' AND a.period @> p.day) AS used, s.seats
                  FROM space s JOIN (SELECT space_id, lower(period) AS day FROM allocation WHERE status = 'ACTIVE') p
                    ON p.space_id = s.id) x
                WHERE used > seats""")
                + TestInfra.count("""
                SELECT count(*) FROM (
                  SELECT st.id, p.day,
                         (SELECT count(DISTINCT a.startup_id) FROM allocation a
                          WHERE a.site_id = st.id AND a.status = 'ACTIVE' AND a.period @> p.day) AS hosted,
                         st.hosting_capacity
                  FROM site st JOIN (SELECT site_id, lower(period) AS day FROM allocation WHERE status = 'ACTIVE') p
                    ON p.site_id = st.id) x
                WHERE hosting_capacity IS NOT NULL AND hosted > hosting_capacity""");
    }

    @Test
    void twoHundredConcurrentRequestsForTheLastTenSeatsGiveExactlyTen() throws Exception {
        for (int burst = 0; burst < 20; burst++) {
            String site = operationalSite(500);
            String space = space(site, "OPEN_WORKSPACE", 30);
            // 20 of the 30 seats are taken: 10 are left
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(allocationJson(site, space, UUID.randomUUID().toString(), 20, "2027-01-01", null, false))
                    .post("/api/v1/allocations").then().statusCode(201);
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(allocations.toString()))
                        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(allocationJson(site, space, UUID.randomUUID().toString(), 1,
                                "2027-01-0" + (1 + i % 5), null, false)))
                        .build();
                responses.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            int created = 0;
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> f : responses) {
                HttpResponse<String> r = f.join();
                if (r.statusCode() == 201) {
                    created++;
                } else {
                    assertEquals(409, r.statusCode(), r.body());
                    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
                    refused++;
                }
            }
            assertEquals(10, created, "burst " + burst);
            assertEquals(190, refused, "burst " + burst);
            // each allocation recorded its event with it, in the order decided (a batch holds its events until its
            // last decision, then records them together)
            assertEquals(0, TestInfra.count("""
                    SELECT count(*) FROM allocation a WHERE a.site_id = ? AND (SELECT count(*) FROM outbox_event o
                      WHERE o.type LIKE '%.sites.hosting.allocated' AND o.envelope::jsonb -> 'data' ->> 'allocationId' = a.id::text) <> 1""",
                    UUID.fromString(site)));
            assertEquals(0, TestInfra.count("""
                    SELECT count(*) FROM (SELECT o.seq, lag(o.seq) OVER (ORDER BY (o.envelope::jsonb -> 'data' ->> 'allocationId')::uuid) AS before
                      FROM outbox_event o
                      WHERE o.type LIKE '%.sites.hosting.allocated' AND o.envelope::jsonb -> 'data' ->> 'siteId' = ?) x WHERE x.seq < x.before""", site));
        }
        assertEquals(0, overbookedInstants());
        // requests that came at once were decided several to a transaction (the site locked once for them)
        HostingFixtures.assertBatched("technopark_sites_decisions_per_transaction");
    }

    /**
     * Who may allocate is checked on the site the decision locks: a manager of another site is refused (403), also
     * inside a batch of others' decisions that go on, and a site that does not exist is a 404.
     */
    @Test
    void onlyTheSitesManagersAllocateThereAndAnUnknownSiteIsNotFound() throws Exception {
        String site = operationalSite(500);
        String code = given().get("/api/v1/sites/" + site).then().statusCode(200).extract().path("code");
        String space = space(site, "OPEN_WORKSPACE", 30);
        String mine = DevTokens.subject("m").groups("site-manager").sites(code).sign();
        String other = DevTokens.subject("o").groups("site-manager").sites("OTHER").sign();

        String stranger = UUID.randomUUID().toString();
        given().auth().oauth2(other).contentType(ContentType.JSON).body(allocationJson(site, space, stranger, 1, "2027-01-01", null, false))
                .post("/api/v1/allocations").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(mine).contentType(ContentType.JSON)
                .body(allocationJson(site, space, UUID.randomUUID().toString(), 1, "2027-01-01", null, false))
                .post("/api/v1/allocations").then().statusCode(201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(UUID.randomUUID().toString(), null, UUID.randomUUID().toString(), 1, "2027-01-01", null, false))
                .post("/api/v1/allocations").then().statusCode(404).contentType("application/problem+json");

        // at once: the other site's manager among the site's own, each answered for itself
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String token = i % 5 == 0 ? other : mine;
            String startup = i % 5 == 0 ? stranger : UUID.randomUUID().toString();
            responses.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(allocations.toString()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(allocationJson(site, space, startup, 1, "2027-01-01", null, false)))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(i % 5 == 0 ? 403 : 201, responses.get(i).join().statusCode(), responses.get(i).join().body());
        }
        assertEquals(0, TestInfra.count("SELECT count(*) FROM allocation WHERE startup_id = ?", UUID.fromString(stranger)));
        assertEquals(17, TestInfra.count("SELECT count(*) FROM allocation WHERE site_id = ?", UUID.fromString(site)));
    }

    /** With an Idempotency-Key the decision is taken in the transaction that records the key: replayed, not retaken. */
    @Test
    void aKeyedAllocationIsDecidedOnceAndReplayed() {
        String site = operationalSite(500);
        String space = space(site, "OPEN_WORKSPACE", 1);
        String startup = UUID.randomUUID().toString();
        String key = "alloc-" + startup;
        String body = allocationJson(site, space, startup, 1, "2027-01-01", null, false);
        String location = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/allocations").then().statusCode(201).extract().header("Location");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/allocations").then().statusCode(201).header("Location", equalTo(location))
                .header("Idempotent-Replayed", "true");
        assertEquals(1, TestInfra.count("SELECT count(*) FROM allocation WHERE startup_id = ?", UUID.fromString(startup)));
        // the space is full now: a new key is a new decision, refused
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", key + "-2")
                .body(allocationJson(site, space, UUID.randomUUID().toString(), 1, "2027-01-01", null, false))
                .post("/api/v1/allocations").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void theSiteCapacityInStartupsHoldsAcrossSpaces() {
        String site = operationalSite(2);
        String a = space(site, "OPEN_WORKSPACE", 10);
        String b = space(site, "PRIVATE_OFFICE", 4);
        String startup = UUID.randomUUID().toString();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, a, startup, 2, "2027-02-01", "2027-08-01", false))
                .post("/api/v1/allocations").then().statusCode(201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, b, startup, 4, "2027-02-01", "2027-08-01", false))
                .post("/api/v1/allocations").then().statusCode(201); // the same startup again: still one startup
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, a, UUID.randomUUID().toString(), 1, "2027-03-01", null, false))
                .post("/api/v1/allocations").then().statusCode(201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, null, UUID.randomUUID().toString(), 1, "2027-07-01", "2027-07-15", false))
                .post("/api/v1/allocations").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("capacity-full"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, null, UUID.randomUUID().toString(), 1, "2027-07-31", null, false))
                .post("/api/v1/allocations").then().statusCode(409); // on 07-31 both others are still there
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, null, UUID.randomUUID().toString(), 1, "2027-08-01", null, false))
                .post("/api/v1/allocations").then().statusCode(201); // from 08-01 the first startup is gone
        assertEquals(0, overbookedInstants());
    }

    @Test
    void aNamedSpaceMustBeAnAllocatableSpaceOfTheSiteAndAReleaseInItPromotesItsWaitlist() {
        String site = operationalSite(null);
        String plateau = space(site, "OPEN_WORKSPACE", 2);
        String room = space(site, "MEETING_ROOM", 10); // bookable by the hour, so not allocatable
        String elsewhere = space(operationalSite(null), "OPEN_WORKSPACE", 10);
        String refused = UUID.randomUUID().toString();
        for (String wrong : List.of(elsewhere, room, UUID.randomUUID().toString())) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, wrong, refused, 1, "2027-03-01", null, true))
                    .post("/api/v1/allocations").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("spaceId"));
        }
        assertEquals(0, TestInfra.count("SELECT count(*) FROM allocation WHERE startup_id = ?", UUID.fromString(refused)));
        assertEquals(0, TestInfra.count("SELECT count(*) FROM waitlist_entry WHERE startup_id = ?", UUID.fromString(refused)));

        String held = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, plateau, UUID.randomUUID().toString(), 2, "2027-03-01", null, false))
                .post("/api/v1/allocations").then().statusCode(201).body("spaceId", equalTo(plateau)).extract().path("id");
        String waiting = UUID.randomUUID().toString();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, plateau, waiting, 1, "2027-04-01", null, false))
                .post("/api/v1/allocations").then().statusCode(409).body("type", containsString("capacity-full"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, plateau, waiting, 1, "2027-04-01", null, true))
                .post("/api/v1/allocations").then().statusCode(202).body("status", equalTo("WAITING"));
        given().auth().oauth2(ADMIN).post("/api/v1/allocations/" + held + "/release").then().statusCode(200);
        given().auth().oauth2(ADMIN).queryParam("siteId", site).queryParam("status", "ACTIVE").get("/api/v1/allocations")
                .then().statusCode(200).body("items.startupId", equalTo(List.of(waiting))).body("items.spaceId", equalTo(List.of(plateau)));
        assertEquals(0, overbookedInstants());
    }

    @Test
    void twentyConcurrentReleasesOfOneAllocationReleaseItOnce() {
        String site = operationalSite(5);
        String plateau = space(site, "OPEN_WORKSPACE", 10);
        String held = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, plateau, UUID.randomUUID().toString(), 2, "2027-06-01", null, false))
                .post("/api/v1/allocations").then().statusCode(201).extract().path("id");
        HttpRequest release = HttpRequest.newBuilder(URI.create(allocations + "/" + held + "/release"))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build();
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(HTTP.sendAsync(release, HttpResponse.BodyHandlers.discarding()));
        }
        assertEquals(java.util.Map.of(200, 1L, 409, 19L), answers.stream().collect(java.util.stream.Collectors.groupingBy(
                f -> f.join().statusCode(), java.util.stream.Collectors.counting())));
        // one release, so one event for the startup's residency and the waitlist
        assertEquals(1, TestInfra.count("SELECT count(*) FROM outbox_event WHERE type LIKE '%hosting.released' AND envelope LIKE ?",
                "%" + held + "%"));
    }

    @Test
    void theListOfAllocationsPagesByCursorAndCombinesItsFilters() {
        String site = operationalSite(20);
        String a = space(site, "OPEN_WORKSPACE", 10);
        String b = space(site, "OPEN_WORKSPACE", 10);
        String startup = UUID.randomUUID().toString();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(allocationJson(site, i % 2 == 0 ? a : b, i < 2 ? startup : UUID.randomUUID().toString(), 1,
                            "2027-05-01", null, false))
                    .post("/api/v1/allocations").then().statusCode(201).extract().path("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(ADMIN).queryParam("siteId", site).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/allocations").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("next");
            pages++;
        } while (cursor != null);
        assertEquals(made.stream().sorted().toList(), seen, "every allocation once, in id order");
        assertEquals(3, pages);
        given().auth().oauth2(ADMIN).queryParam("siteId", site).queryParam("spaceId", a).get("/api/v1/allocations").then()
                .statusCode(200).body("items.id", equalTo(java.util.stream.Stream.of(made.get(0), made.get(2), made.get(4)).sorted().toList()));
        given().auth().oauth2(ADMIN).queryParam("startupId", startup).queryParam("spaceId", b).get("/api/v1/allocations")
                .then().statusCode(200).body("items.id", equalTo(List.of(made.get(1))));
        given().auth().oauth2(ADMIN).queryParam("siteId", site).queryParam("status", "RELEASED").get("/api/v1/allocations")
                .then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void aFullSiteWaitlistsAndAReleasePromotesTheFirstWaitingRequest() {
        String site = operationalSite(1);
        space(site, "OPEN_WORKSPACE", 10);
        String held = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, null, UUID.randomUUID().toString(), 3, "2027-01-01", null, false))
                .post("/api/v1/allocations").then().statusCode(201).extract().path("id");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, null, first, 2, "2027-01-01", null, true))
                .post("/api/v1/allocations").then().statusCode(202).body("status", equalTo("WAITING"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, null, second, 2, "2027-01-01", null, true))
                .post("/api/v1/allocations").then().statusCode(202);
        given().auth().oauth2(ADMIN).queryParam("siteId", site).get("/api/v1/allocations/waitlist").then().statusCode(200)
                .body("startupId", equalTo(List.of(first, second)));

        String active = given().auth().oauth2(ADMIN).get("/api/v1/allocations/" + held).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(ADMIN).post("/api/v1/allocations/" + held + "/release").then().statusCode(200)
                .body("status", equalTo("RELEASED"));
        given().auth().oauth2(ADMIN).header("If-None-Match", active).get("/api/v1/allocations/" + held).then().statusCode(200)
                .body("status", equalTo("RELEASED"));
        ConditionalGets.assertVersionIsTheETag(ADMIN, "/api/v1/allocations/" + held);
        given().auth().oauth2(ADMIN).queryParam("siteId", site).queryParam("status", "ACTIVE").get("/api/v1/allocations")
                .then().statusCode(200).body("items.startupId", equalTo(List.of(first)));
        given().auth().oauth2(ADMIN).queryParam("siteId", site).get("/api/v1/allocations/waitlist").then()
                .body("startupId", equalTo(List.of(second)));
        given().auth().oauth2(ADMIN).post("/api/v1/allocations/" + held + "/release").then().statusCode(409);
    }

    @Test
    void anAllocationStartingLaterInThePeriodCountsFromItsStart() {
        String site = operationalSite(2);
        String space = space(site, "OPEN_WORKSPACE", 3);
        allocateToNewStartup(site, space, 2, "2028-06-01", "2028-09-01").statusCode(201);
        // free on 01-01, but from 06-01 two of the three seats are held: two more do not fit over a period reaching it
        allocateToNewStartup(site, space, 2, "2028-01-01", null).statusCode(409).body("type", containsString("capacity-full"));
        allocateToNewStartup(site, null, 2, "2028-01-01", "2028-06-02").statusCode(409);
        // a period that ends when the later one starts does not meet it
        allocateToNewStartup(site, space, 2, "2028-01-01", "2028-06-01").statusCode(201);
        // the site hosts two startups at most: with one more from 05-01, two are there from 05-01 on
        allocateToNewStartup(site, space, 1, "2028-05-01", null).statusCode(201);
        allocateToNewStartup(site, null, 1, "2028-02-01", null).statusCode(409).body("type", containsString("capacity-full"));
        allocateToNewStartup(site, null, 1, "2028-02-01", "2028-05-01").statusCode(201);
        allocateToNewStartup(site, null, 1, "2028-09-01", null).statusCode(201); // the first one left on 09-01
        assertEquals(0, overbookedInstants());
    }

    private static ValidatableResponse allocateToNewStartup(String site, String space, int seats, String start, String end) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, space, UUID.randomUUID().toString(), seats, start, end, false))
                .post("/api/v1/allocations").then();
    }

    @Test
    void aCapacityCutBelowWhatIsAllocatedIsRefused() {
        String site = operationalSite(null);
        String space = space(site, "OPEN_WORKSPACE", 10);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, space, UUID.randomUUID().toString(), 8, "2030-01-01", null, false))
                .post("/api/v1/allocations").then().statusCode(201);
        String etag = given().get("/api/v1/sites/" + site + "/spaces/" + space).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\": \"Plateau\", \"type\": \"OPEN_WORKSPACE\", \"seats\": 7}")
                .put("/api/v1/sites/" + site + "/spaces/" + space).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\": \"Plateau\", \"type\": \"OPEN_WORKSPACE\", \"seats\": 8}")
                .put("/api/v1/sites/" + site + "/spaces/" + space).then().statusCode(200).body("seats", equalTo(8));
        given().get("/api/v1/sites/" + site + "/spaces").then().statusCode(200).body("name", hasItem("Plateau"));
    }

    @Test
    void badRequestsNameTheFieldAndChangeNothing() {
        String site = operationalSite(null);
        String space = space(site, "OPEN_WORKSPACE", 10);
        String startup = UUID.randomUUID().toString();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, space, startup, 2, "2027-05-01", "2027-04-01", false))
                .post("/api/v1/allocations").then().statusCode(400).body("errors.field", hasItem("endDate"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, space, startup, -2, "2027-05-01", null, false))
                .post("/api/v1/allocations").then().statusCode(400).body("errors.field", hasItem("seats"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allocationJson(site, space, startup, 2, "not-a-date", null, false))
                .post("/api/v1/allocations").then().statusCode(400).body("errors.field", hasItem("startDate"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"type\": \"SPA\", \"seats\": -1}")
                .post("/api/v1/sites/" + site + "/spaces").then().statusCode(400);
        assertEquals(0, TestInfra.count("SELECT count(*) FROM allocation WHERE startup_id = ?", UUID.fromString(startup)));
        given().auth().oauth2(ADMIN).get("/api/v1/allocations/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/allocations").then().statusCode(401);
    }

    @Test
    void aPlannedSiteHostsNobody() {
        String site = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(SiteFixtures.siteJson(SiteFixtures.uniqueCode()))
                .post("/api/v1/sites").then().extract().path("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(allocationJson(site, null, UUID.randomUUID().toString(), 1, "2027-01-01", null, false))
                .post("/api/v1/allocations").then().statusCode(409).body("type", containsString("site-not-operational"));
    }
}
