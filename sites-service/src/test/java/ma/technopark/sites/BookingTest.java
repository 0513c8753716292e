package ma.technopark.sites;

import static io.restassured.RestAssured.given;
import static ma.technopark.sites.HostingFixtures.ADMIN;
import static ma.technopark.sites.HostingFixtures.operationalSite;
import static ma.technopark.sites.HostingFixtures.space;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BookingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalDate DAY = LocalDate.now().plusDays(30);

    @TestHTTPResource("/api/v1/bookings")
    URL bookings;

    private static String room() {
        return space(operationalSite(null), "TRAINING_ROOM", 20);
    }

    private static String booking(String room, LocalDate day, String start, String end, Integer weeks) {
        return "{\"spaceId\": \"" + room + "\", \"title\": \"Atelier\", \"date\": \"" + day + "\", \"startTime\": \"" + start
                + "\", \"endTime\": \"" + end + "\"" + (weeks == null ? "" : ", \"weeks\": " + weeks) + "}";
    }

    /** A new site (planned: rooms are booked at any site) whose code a site manager's token can name. */
    private static String siteWithCode(String code) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(SiteFixtures.siteJson(code))
                .post("/api/v1/sites").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse post(String body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/bookings").then();
    }

    /**
     * Concurrent requests for one slot: exactly one booking, every other request told the slot is taken. Five races:
     * before the room was locked, a race now and then ended with no booking at all (two requests waiting for each
     * other on the exclusion constraint, failed by PostgreSQL's deadlock detector, then 500s and 503s).
     */
    @Test
    void concurrentBookingsOfOneSlotGiveExactlyOneAndTellTheOthersItIsTaken() {
        for (int race = 0; race < 5; race++) {
            String room = room();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                responses.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(bookings.toString()))
                        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(booking(room, DAY, "10:00", "11:00", null))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> answers = responses.stream().map(CompletableFuture::join).toList();
            long created = answers.stream().filter(r -> r.statusCode() == 201).count();
            long taken = answers.stream().filter(r -> r.statusCode() == 409 && r.body().contains("slot-taken")).count();
            assertEquals(1, created, "race " + race + ": " + answers.stream().map(HttpResponse::statusCode).toList());
            assertEquals(63, taken, "race " + race + ": " + answers.stream().map(HttpResponse::statusCode).toList());
            assertEquals(1, TestInfra.count("SELECT count(*) FROM booking WHERE space_id = ? AND status = 'CONFIRMED'",
                    UUID.fromString(room)));
        }
        // requests that came at once were decided several to a transaction (the room locked once for them)
        HostingFixtures.assertBatched("technopark_sites_bookings_per_transaction");
    }

    /**
     * Requests for one room at once, decided in batches whose bookings are written at the commit: every slot asked for
     * is booked once (adjacent hours do not stand in each other's way, a weekly series among them is booked whole),
     * every other request for a slot is told it is taken, and each booking has exactly one event.
     */
    @Test
    void bookingsOfOneRoomAtOnceAreEachDecidedAsIfAlone() {
        double undoneBefore = HostingFixtures.metric("technopark_sites_bookings_undone_total");
        for (int burst = 0; burst < 3; burst++) {
            String room = room();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 63; i++) {
                int hour = 8 + i % 8; // eight adjacent hours, each asked for by 7 or 8 requests
                bodies.add(booking(room, DAY, "%02d:00".formatted(hour), "%02d:00".formatted(hour + 1), null));
            }
            bodies.add(32, booking(room, DAY, "16:00", "17:00", 3));
            List<HttpResponse<String>> answers = bodies.stream().map(body -> HTTP.sendAsync(
                            HttpRequest.newBuilder(URI.create(bookings.toString())).header("Authorization", "Bearer " + ADMIN)
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList().stream().map(CompletableFuture::join).toList();
            String statuses = answers.stream().map(HttpResponse::statusCode).toList().toString();
            assertEquals(9, answers.stream().filter(r -> r.statusCode() == 201).count(), statuses);
            assertEquals(55, answers.stream().filter(r -> r.statusCode() == 409 && r.body().contains("slot-taken")).count(), statuses);
            UUID space = UUID.fromString(room);
            assertEquals(11, TestInfra.count("SELECT count(*) FROM booking WHERE space_id = ? AND status = 'CONFIRMED'", space));
            assertEquals(0, TestInfra.count("""
                    SELECT count(*) FROM booking b WHERE b.space_id = ? AND (SELECT count(*) FROM outbox_event o
                      WHERE o.type LIKE '%.sites.booking.confirmed' AND o.record_key = b.id::text) <> 1""", space));
        }
        HostingFixtures.assertBatched("technopark_sites_bookings_per_transaction");
        // and no batch wrote a taken slot: each refusal came before its writes, none from the exclusion constraint at
        // the commit (which would undo the batch and decide its bookings again one by one)
        assertEquals(undoneBefore, HostingFixtures.metric("technopark_sites_bookings_undone_total"));
    }

    @Test
    void adjacentSlotsBothSucceedAndAnOverlapIsRefused() {
        String room = room();
        post(booking(room, DAY, "10:00", "11:00", null)).statusCode(201)
                .body("bookings[0].startsAt", containsString("T10:00"));
        post(booking(room, DAY, "11:00", "12:00", null)).statusCode(201);
        post(booking(room, DAY, "10:30", "11:30", null)).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("déjà réservée"));
        given().auth().oauth2(ADMIN).queryParam("spaceId", room).queryParam("from", DAY.toString()).queryParam("to", DAY.toString())
                .get("/api/v1/bookings").then().statusCode(200).body("", hasSize(2));
    }

    @Test
    void aCancelledSlotCanBeBookedAgain() {
        String room = room();
        String id = post(booking(room, DAY, "14:00", "16:00", null)).statusCode(201).extract().path("bookings[0].id");
        given().auth().oauth2(ADMIN).get("/api/v1/bookings/" + id).then().statusCode(200).body("title", equalTo("Atelier"))
                .body("startsAt", containsString("T14:00")).body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(ADMIN).get("/api/v1/bookings/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        String stranger = ma.technopark.infra.DevTokens.subject("someone").groups("startup").startupId(UUID.randomUUID().toString()).sign();
        given().auth().oauth2(stranger).post("/api/v1/bookings/" + id + "/cancellation").then().statusCode(403);
        given().auth().oauth2(ADMIN).post("/api/v1/bookings/" + id + "/cancellation").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        ma.technopark.testing.ConditionalGets.assertVersionIsTheETag(ADMIN, "/api/v1/bookings/" + id);
        given().auth().oauth2(ADMIN).post("/api/v1/bookings/" + id + "/cancellation").then().statusCode(409);
        post(booking(room, DAY, "14:00", "16:00", null)).statusCode(201);
    }

    @Test
    void aWeeklySeriesIsAllOrNothing() {
        String room = room();
        post(booking(room, DAY.plusWeeks(2), "09:00", "10:00", null)).statusCode(201);
        post(booking(room, DAY, "09:00", "10:00", 4)).statusCode(409).body("detail", containsString(DAY.plusWeeks(2).toString()));
        assertEquals(1, TestInfra.count("SELECT count(*) FROM booking WHERE space_id = ?", UUID.fromString(room)));
        post(booking(room, DAY, "10:00", "11:00", 4)).statusCode(201).body("bookings", hasSize(4))
                .body("seriesId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theRestOfAWeeklySeriesIsCancelledAtOnceByItsBookerAndTheWeeksHeldStay() {
        String room = room();
        String pm = ma.technopark.infra.DevTokens.subject("pm-series").groups("programme-manager").sign();
        var made = given().auth().oauth2(pm).contentType(ContentType.JSON).body(booking(room, DAY, "15:00", "16:00", 4))
                .post("/api/v1/bookings").then().statusCode(201).extract();
        String series = made.path("seriesId");
        List<String> weeks = made.path("bookings.id");
        String path = "/api/v1/bookings/series/" + series + "/cancellation";
        String otherPm = ma.technopark.infra.DevTokens.subject("pm-other").groups("programme-manager").sign();
        given().auth().oauth2(otherPm).post(path).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(pm).post("/api/v1/bookings/" + weeks.get(1) + "/cancellation").then().statusCode(200);
        // the first week is being held
        TestInfra.execute("UPDATE booking SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '50 minutes'"
                + " WHERE id = ?", UUID.fromString(weeks.get(0)));

        given().auth().oauth2(pm).post(path).then().statusCode(200).body("seriesId", equalTo(series))
                .body("bookings.id", equalTo(weeks.subList(2, 4))).body("bookings.status", everyItem(equalTo("CANCELLED")));
        given().auth().oauth2(pm).get("/api/v1/bookings/" + weeks.get(0)).then().body("status", equalTo("CONFIRMED"));
        assertEquals(3, TestInfra.count("SELECT count(*) FROM outbox_event WHERE type LIKE '%booking.cancelled' AND record_key = ANY(?)",
                (Object) weeks.toArray(String[]::new)), "one event per week cancelled: the second by itself, the last two with the series");
        given().auth().oauth2(pm).post(path).then().statusCode(409).body("type", containsString("illegal-transition"));
        given().auth().oauth2(ADMIN).post("/api/v1/bookings/series/" + UUID.randomUUID() + "/cancellation").then().statusCode(404);
        post(booking(room, DAY.plusWeeks(3), "15:00", "16:00", null)).statusCode(201); // the slot is free again
    }

    /**
     * A booking held for the programme team (a session's room, as programs-service books it) is cancelled by any
     * programme manager, not only its booker; only a programme manager or an admin books so, and a refusal books
     * nothing. A programme manager's own booking stays theirs.
     */
    @Test
    void aBookingHeldForTheProgrammeTeamIsCancelledByAnyProgrammeManager() {
        String code = SiteFixtures.uniqueCode();
        String room = space(siteWithCode(code), "TRAINING_ROOM", 20);
        String pm = ma.technopark.infra.DevTokens.subject("pm-team").groups("programme-manager").sign();
        String colleague = ma.technopark.infra.DevTokens.subject("pm-colleague").groups("programme-manager").sign();
        String held = booking(room, DAY, "08:00", "09:00", null).replace("}", ", \"heldFor\": \"PROGRAMMES\"}");
        String teams = given().auth().oauth2(pm).contentType(ContentType.JSON).body(held).post("/api/v1/bookings").then()
                .statusCode(201).body("bookings[0].heldFor", equalTo("PROGRAMMES")).body("bookings[0].bookedBy", equalTo("pm-team"))
                .extract().path("bookings[0].id");
        String own = given().auth().oauth2(pm).contentType(ContentType.JSON).body(booking(room, DAY, "09:00", "10:00", null))
                .post("/api/v1/bookings").then().statusCode(201).body("bookings[0].heldFor", equalTo("BOOKER"))
                .extract().path("bookings[0].id");

        given().auth().oauth2(colleague).post("/api/v1/bookings/" + own + "/cancellation").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(colleague).post("/api/v1/bookings/" + teams + "/cancellation").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("heldFor", equalTo("PROGRAMMES"));
        String startup = ma.technopark.infra.DevTokens.subject("someone").groups("startup").startupId(UUID.randomUUID().toString()).sign();
        String manager = ma.technopark.infra.DevTokens.subject("sm").groups("site-manager").sites(code).sign();
        String later = booking(room, DAY, "11:00", "12:00", null).replace("}", ", \"heldFor\": \"PROGRAMMES\"}");
        for (String stranger : List.of(startup, manager)) {
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(later).post("/api/v1/bookings").then()
                    .statusCode(403).contentType("application/problem+json").body("detail", containsString("équipe des programmes"));
        }
        given().auth().oauth2(pm).contentType(ContentType.JSON).body(later.replace("PROGRAMMES", "EVERYONE"))
                .post("/api/v1/bookings").then().statusCode(400).contentType("application/problem+json");
        assertEquals(2, TestInfra.count("SELECT count(*) FROM booking WHERE space_id = ?", UUID.fromString(room)),
                "the refusals booked nothing");
        // a site's manager still cancels any booking of their site, the team's included
        String another = given().auth().oauth2(pm).contentType(ContentType.JSON).body(later).post("/api/v1/bookings").then()
                .statusCode(201).extract().path("bookings[0].id");
        given().auth().oauth2(manager).post("/api/v1/bookings/" + another + "/cancellation").then().statusCode(200);
    }

    /**
     * A booking moves to another slot in one step: its own old slot is no obstacle (put back an hour, it keeps its
     * room), another booking's is a 409 that changes nothing, and the slot it leaves is free at once. Each move that
     * changes something publishes sites.booking.moved with the previous slot.
     */
    @Test
    void aBookingMovesToAnotherSlotItsOwnOldSlotIsNoObstacleAndAnotherBookingsIs() {
        String site = siteWithCode(SiteFixtures.uniqueCode());
        String room = space(site, "TRAINING_ROOM", 20);
        String other = space(site, "MEETING_ROOM", 8);
        String id = post(booking(room, DAY, "10:00", "12:00", null)).statusCode(201).extract().path("bookings[0].id");
        String move = "/api/v1/bookings/" + id + "/move";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"date\": \"" + DAY + "\", \"startTime\": \"11:00\", \"endTime\": \"13:00\"}")
                .post(move).then().statusCode(200).body("startsAt", containsString("T11:00")).body("endsAt", containsString("T13:00"))
                .body("spaceId", equalTo(room)).body("version", equalTo(1));
        post(booking(room, DAY, "14:00", "15:00", null)).statusCode(201);

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"date\": \"" + DAY + "\", \"startTime\": \"12:30\", \"endTime\": \"14:30\"}")
                .post(move).then().statusCode(409).contentType("application/problem+json").body("type", containsString("slot-taken"));
        given().auth().oauth2(ADMIN).get("/api/v1/bookings/" + id).then().body("startsAt", containsString("T11:00")).body("version", equalTo(1));
        String startup = ma.technopark.infra.DevTokens.subject("someone").groups("startup").startupId(UUID.randomUUID().toString()).sign();
        given().auth().oauth2(startup).contentType(ContentType.JSON).body("{\"date\": \"" + DAY + "\", \"startTime\": \"16:00\", \"endTime\": \"17:00\"}")
                .post(move).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"date\": \"" + DAY + "\", \"startTime\": \"17:00\", \"endTime\": \"16:00\"}")
                .post(move).then().statusCode(400).body("errors[0].field", equalTo("endTime"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"date\": \"" + DAY + "\", \"startTime\": \"17:00\"}")
                .post(move).then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"spaceId\": \"" + other + "\", \"date\": \"" + DAY + "\", \"startTime\": \"14:00\", \"endTime\": \"15:00\"}")
                .post(move).then().statusCode(200).body("spaceId", equalTo(other)).body("startsAt", containsString("T14:00"));
        // the same slot again changes nothing
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"spaceId\": \"" + other + "\", \"date\": \"" + DAY + "\", \"startTime\": \"14:00\", \"endTime\": \"15:00\"}")
                .post(move).then().statusCode(200).body("version", equalTo(2));
        post(booking(room, DAY, "10:00", "14:00", null)).statusCode(201); // every slot it held in the first room is free
        assertEquals(2, TestInfra.count("SELECT count(*) FROM outbox_event WHERE type LIKE '%booking.moved' AND record_key = ?"
                + " AND envelope LIKE '%previousStartsAt%' AND envelope LIKE '%\"heldFor\":\"BOOKER\"%'", id));

        given().auth().oauth2(ADMIN).post("/api/v1/bookings/" + id + "/cancellation").then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"date\": \"" + DAY + "\", \"startTime\": \"16:00\", \"endTime\": \"17:00\"}")
                .post(move).then().statusCode(409).body("type", containsString("illegal-transition"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"date\": \"" + DAY + "\", \"startTime\": \"16:00\", \"endTime\": \"17:00\"}")
                .post("/api/v1/bookings/" + UUID.randomUUID() + "/move").then().statusCode(404);
    }

    /** A site's manager books the rooms of their own sites only; the refusal books nothing. */
    @Test
    void aSiteManagerBooksOnlyAtTheirOwnSites() {
        String code = SiteFixtures.uniqueCode();
        String site = siteWithCode(code);
        String room = space(site, "MEETING_ROOM", 6);
        String other = ma.technopark.infra.DevTokens.subject("m-other").groups("site-manager").sites("NOT-" + code).sign();
        given().auth().oauth2(other).contentType(ContentType.JSON).body(booking(room, DAY, "08:00", "09:00", null))
                .post("/api/v1/bookings").then().statusCode(403).body("detail", containsString(code));
        assertEquals(0, TestInfra.count("SELECT count(*) FROM booking WHERE space_id = ?", UUID.fromString(room)));
        String mine = ma.technopark.infra.DevTokens.subject("m-mine").groups("site-manager").sites(code).sign();
        given().auth().oauth2(mine).contentType(ContentType.JSON).body(booking(room, DAY, "08:00", "09:00", null))
                .post("/api/v1/bookings").then().statusCode(201).body("bookings[0].siteId", equalTo(site))
                .body("bookings[0].bookedBy", equalTo("m-mine"));
    }

    @Test
    void badSlotsAreRefusedNamingTheField() {
        String room = room();
        post(booking(room, DAY, "23:00", "01:00", null)).statusCode(400).body("errors.field", hasItem("endTime"));
        post(booking(room, LocalDate.now().minusDays(3), "10:00", "11:00", null)).statusCode(400).body("errors.field", hasItem("date"));
        post(booking(room, DAY, "10:00", "11:00", 53)).statusCode(400).body("errors.field", hasItem("weeks"));
        post(booking(room, DAY, "25:00", "26:00", null)).statusCode(400).body("errors.field", hasItem("startTime"));
        post(booking(room, DAY, "10:00:07.123", "10:00:08", null)).statusCode(400).body("errors.field", hasItem("startTime"));
        post(booking(room, DAY, "10:00", "10:30:30", null)).statusCode(400).body("errors.field", hasItem("endTime"));
        // at most two years ahead: a typo in the year would hold the room for ever
        LocalDate last = LocalDate.now(java.time.ZoneId.of("Africa/Casablanca")).plusYears(2);
        post(booking(room, last.plusDays(1), "10:00", "11:00", null)).statusCode(400).body("errors.field", hasItem("date"))
                .body("detail", containsString(last.toString()));
        post(booking(room, LocalDate.of(2926, 1, 1), "10:00", "11:00", null)).statusCode(400).body("errors.field", hasItem("date"));
        String office = space(operationalSite(null), "OPEN_WORKSPACE", 20);
        post(booking(office, DAY, "10:00", "11:00", null)).statusCode(400).body("errors.field", hasItem("spaceId"));
        post(booking(UUID.randomUUID().toString(), DAY, "10:00", "11:00", null)).statusCode(400)
                .body("errors.field", hasItem("spaceId"));
        given().contentType(ContentType.JSON).body(booking(room, DAY, "10:00", "11:00", null)).post("/api/v1/bookings")
                .then().statusCode(401);
        assertEquals(0, TestInfra.count("SELECT count(*) FROM booking WHERE space_id = ?", UUID.fromString(room)));
        // the last bookable day itself is bookable
        post(booking(room, last, "10:00", "11:00", null)).statusCode(201);
    }
}
