package ma.technopark.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ma.technopark.infra.AppProcess;
import ma.technopark.infra.DevTokens;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** programs-service with the real sites-service and startups-service, through the gateway. */
@ExtendWith(PlatformExtension.class)
class ProgramsSystemTest {
    private static final String ADMIN = DevTokens.admin();
    private static final String PM = DevTokens.subject("pm-sys").groups("programme-manager").sign();
    /** Another programme manager: sessions are the programme team's, whoever scheduled them. */
    private static final String COLLEAGUE = DevTokens.subject("pm-colleague").groups("programme-manager").sign();

    private static RequestSpecification api(String token) {
        return given().baseUri(PlatformExtension.gateway()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String cohortAt(String siteCode, String stages) {
        String body = """
                {"code": "SYS-%s", "name": {"fr": "Programme système"}, "kind": "ACCELERATION", "durationMonths": 6,
                 "eligibleStages": %s, "siteCodes": ["%s"]}""".formatted(UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                stages, siteCode);
        // programs-service learns of a new site from sites-service's event: until then the site code is refused (400)
        String[] created = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            io.restassured.response.Response r = api(PM).body(body).post("/api/v1/programmes");
            created[0] = r.statusCode() == 201 ? r.path("id") : null;
            return created[0] != null;
        });
        String programme = created[0];
        api(PM).post("/api/v1/programmes/" + programme + "/publication").then().statusCode(200);
        LocalDate start = LocalDate.now().plusDays(10);
        String cohort = api(PM).body("""
                {"programmeId": "%s", "name": "Cohorte système", "siteCode": "%s", "startDate": "%s", "endDate": "%s", "capacity": 10}
                """.formatted(programme, siteCode, start, start.plusMonths(6))).post("/api/v1/cohorts").then().statusCode(201)
                .extract().path("id");
        api(PM).post("/api/v1/cohorts/" + cohort + "/opening").then().statusCode(200);
        return cohort;
    }

    private static String session(String cohort, String room, LocalDate day) {
        return """
                {"cohortId": "%s", "title": "Atelier pitch", "kind": "WORKSHOP", "spaceId": "%s", "date": "%s",
                 "startTime": "10:00", "endTime": "12:00"}""".formatted(cohort, room, day);
    }

    private static String slot(LocalDate day, String start, String end) {
        return "{\"date\": \"" + day + "\", \"startTime\": \"" + start + "\", \"endTime\": \"" + end + "\"}";
    }

    /** A training room of a new operational site. */
    private record Room(String siteCode, String id) {
    }

    private static Room trainingRoom() {
        String code = "PRG" + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        String site = api(ADMIN).body("""
                {"code": "%s", "name": {"fr": "Site programmes"}, "city": "Essaouira", "region": "MARRAKECH_SAFI", "kind": "TECHNOPARK"}
                """.formatted(code)).post("/api/v1/sites").then().statusCode(201).extract().path("id");
        for (String status : new String[] {"UNDER_CONSTRUCTION", "OPERATIONAL"}) {
            api(ADMIN).body("{\"status\": \"" + status + "\"}").post("/api/v1/sites/" + site + "/status").then().statusCode(200);
        }
        String room = api(ADMIN).body("{\"name\": \"Salle A\", \"type\": \"TRAINING_ROOM\", \"seats\": 30}")
                .post("/api/v1/sites/" + site + "/spaces").then().statusCode(201).extract().path("id");
        return new Room(code, room);
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(HttpClient http, String path, String json) {
        return postAsync(http, PM, path, json);
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(HttpClient http, String token, String path, String json) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(PlatformExtension.gateway() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSessionBooksARealTrainingRoomATakenRoomIs409AColleagueMovesAndCancelsItAndSitesDownIsAFast503() {
        Room training = trainingRoom();
        String room = training.id();
        String cohort = cohortAt(training.siteCode(), "[\"IDEA\", \"PROTOTYPE_MVP\"]");
        LocalDate day = LocalDate.now().plusDays(20);

        String sessionId = api(PM).body(session(cohort, room, day)).post("/api/v1/sessions").then().statusCode(201)
                .extract().path("id");
        String ice = String.format("%015d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000_000L);
        String startup = api(ADMIN).body("""
                {"kind": "INCORPORATED_STARTUP", "legalName": "Présente SARL", "brandName": "Présente", "ice": "%s",
                 "legalForm": "SARL", "sector": "SOFTWARE", "stage": "IDEA", "founders": [{"name": "Hind", "email": "hind@example.org"}]}
                """.formatted(ice)).post("/api/v1/startups").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> api(PM).body("{\"startupId\": \"" + startup + "\"}")
                .post("/api/v1/cohorts/" + cohort + "/enrolments").statusCode() == 201);
        api(PM).body("{\"startupId\": \"" + startup + "\", \"present\": true}").post("/api/v1/sessions/" + sessionId + "/attendance")
                .then().statusCode(200).body("present", equalTo(true));
        api(PM).get("/api/v1/sessions/" + sessionId + "/attendance").then().statusCode(200).body("size()", equalTo(1));
        api(ADMIN).queryParam("spaceId", room).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/v1/bookings").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].title", containsString("Atelier pitch"));
        api(PM).body(session(cohort, room, day)).post("/api/v1/sessions").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("n'est pas libre"));

        // the room is held for the programme team: a colleague of the scheduler may cancel the session, room included
        String booking = api(PM).get("/api/v1/sessions/" + sessionId).then().statusCode(200).extract().path("bookingId");
        api(ADMIN).get("/api/v1/bookings/" + booking).then().statusCode(200).body("heldFor", equalTo("PROGRAMMES"))
                .body("bookedBy", equalTo("pm-sys"));
        // a colleague moves it an hour later in its room (its own old slot is no obstacle), then onto another booking: 409
        String move = "/api/v1/sessions/" + sessionId + "/move";
        // a room of another site is refused before anything is booked or moved
        Room elsewhere = trainingRoom();
        api(PM).body(session(cohort, elsewhere.id(), day)).post("/api/v1/sessions").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("spaceId"))
                .body("errors[0].message", containsString(training.siteCode()));
        api(COLLEAGUE).body(slot(day, "11:00", "13:00").replace("{", "{\"spaceId\": \"" + elsewhere.id() + "\", ")).post(move)
                .then().statusCode(400).body("errors[0].field", equalTo("spaceId"));
        api(ADMIN).queryParam("spaceId", elsewhere.id()).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/v1/bookings").then().statusCode(200).body("size()", equalTo(0));
        api(COLLEAGUE).body(slot(day, "11:00", "13:00")).post(move).then().statusCode(200).body("bookingId", equalTo(booking))
                .body("version", equalTo(1));
        api(ADMIN).get("/api/v1/bookings/" + booking).then().body("startsAt", containsString("T11:00"))
                .body("endsAt", containsString("T13:00")).body("status", equalTo("CONFIRMED"));
        api(ADMIN).body(slot(day, "14:00", "15:00").replace("{", "{\"spaceId\": \"" + room + "\", \"title\": \"Réunion\", "))
                .post("/api/v1/bookings").then().statusCode(201);
        api(COLLEAGUE).body(slot(day, "14:30", "16:30")).post(move).then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("room-taken"));
        api(ADMIN).get("/api/v1/bookings/" + booking).then().body("startsAt", containsString("T11:00"));
        api(PM).get("/api/v1/sessions/" + sessionId).then().body("version", equalTo(1));
        // the booking moved in sites-service (by an admin here): the session follows when the event arrives
        api(ADMIN).body(slot(day, "08:00", "10:00")).post("/api/v1/bookings/" + booking + "/move").then().statusCode(200);
        java.time.Instant eight = day.atTime(8, 0).atZone(java.time.ZoneId.of("Africa/Casablanca")).toInstant();
        await().atMost(Duration.ofSeconds(60)).until(() -> eight.equals(java.time.OffsetDateTime.parse(
                api(PM).get("/api/v1/sessions/" + sessionId).path("startsAt")).toInstant()));
        // 20 cancellations at once by the colleague: one cancels the session and its booking, the others find it cancelled
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> cancellations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cancellations.add(postAsync(http, COLLEAGUE, "/api/v1/sessions/" + sessionId + "/cancellation", null));
        }
        List<HttpResponse<String>> answers = cancellations.stream().map(CompletableFuture::join).toList();
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
        assertEquals(1, statuses.stream().filter(c -> c == 200).count(), statuses + " " + answers.get(0).body());
        assertEquals(19, statuses.stream().filter(c -> c == 409).count(), statuses.toString());
        api(PM).get("/api/v1/sessions/" + sessionId).then().body("status", equalTo("CANCELLED"))
                .body("cancelledBy", equalTo("pm-colleague"));
        api(ADMIN).get("/api/v1/bookings/" + booking).then().statusCode(200).body("status", equalTo("CANCELLED"));
        // the room is free again; a booking cancelled in sites-service (by its manager, an admin) cancels its session
        String again = api(PM).body(session(cohort, room, day)).post("/api/v1/sessions").then().statusCode(201).extract().path("id");
        String againBooking = api(PM).get("/api/v1/sessions/" + again).path("bookingId");
        api(ADMIN).post("/api/v1/bookings/" + againBooking + "/cancellation").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(api(PM).get("/api/v1/sessions/" + again).path("status")));
        api(PM).get("/api/v1/sessions/" + again).then().body("cancelledBy", equalTo("sites-service"));
        String later = api(PM).body(session(cohort, room, day.plusDays(2))).post("/api/v1/sessions").then().statusCode(201)
                .extract().path("id");

        AppProcess sites = PlatformExtension.platform().app(Platform.SITES);
        sites.stop();
        try {
            api(PM).body(session(cohort, room, day.plusDays(1))).post("/api/v1/sessions").then().statusCode(503)
                    .contentType("application/problem+json").time(lessThan(5L), TimeUnit.SECONDS);
            api(PM).queryParam("cohortId", cohort).get("/api/v1/sessions").then().statusCode(200).body("size()", equalTo(3));
            api(PM).post("/api/v1/sessions/" + later + "/cancellation").then().statusCode(503)
                    .contentType("application/problem+json").time(lessThan(5L), TimeUnit.SECONDS);
            api(PM).get("/api/v1/sessions/" + later).then().statusCode(200).body("status", equalTo("SCHEDULED"));
        } finally {
            sites.start().awaitReady(Duration.ofMinutes(2));
            PlatformExtension.awaitRouted("/api/v1/sites");
        }
    }

    /**
     * A cohort closed while sessions are being scheduled: each session is either recorded before the closure (which
     * it then stops, 409) or refused after it, its room booking cancelled again. Never a session of a closed cohort,
     * never a booking held in sites-service for a session that does not exist. The closure is sent a little later
     * each round until one lands while a scheduling is between its booking and its recording.
     */
    @Test
    void aCohortClosedWhileSessionsAreScheduledKeepsNoSessionAndNoRoomBooked() throws Exception {
        Room training = trainingRoom();
        HttpClient http = HttpClient.newHttpClient();
        boolean raced = false;
        for (int round = 0; round < 12 && !raced; round++) {
            String cohort = cohortAt(training.siteCode(), "[\"IDEA\"]");
            api(PM).post("/api/v1/cohorts/" + cohort + "/start").then().statusCode(200);
            LocalDate first = LocalDate.now().plusDays(12 + round * 8);
            List<CompletableFuture<HttpResponse<String>>> schedulings = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                schedulings.add(postAsync(http, "/api/v1/sessions", session(cohort, training.id(), first.plusDays(i))));
            }
            Thread.sleep(round * 4L);
            int closure = postAsync(http, "/api/v1/cohorts/" + cohort + "/closure", null).join().statusCode();
            List<Integer> scheduled = schedulings.stream().map(f -> f.join().statusCode()).toList();
            String state = "round " + round + ": closure " + closure + ", schedulings " + scheduled;

            List<String> sessions = api(PM).queryParam("cohortId", cohort).queryParam("status", "SCHEDULED")
                    .get("/api/v1/sessions").then().statusCode(200).extract().path("bookingId");
            List<String> held = api(ADMIN).queryParam("spaceId", training.id()).queryParam("from", first.toString())
                    .queryParam("to", first.plusDays(5).toString()).get("/api/v1/bookings").then().statusCode(200)
                    .extract().path("findAll { it.status == 'CONFIRMED' }.id");
            int released = api(ADMIN).queryParam("spaceId", training.id()).queryParam("from", first.toString())
                    .queryParam("to", first.plusDays(5).toString()).get("/api/v1/bookings").then().statusCode(200)
                    .extract().path("findAll { it.status == 'CANCELLED' }.size()");
            String status = api(PM).get("/api/v1/cohorts/" + cohort).then().statusCode(200).extract().path("status");
            assertEquals(closure == 200 ? "CLOSED" : "RUNNING", status, state);
            if (closure == 200) {
                assertEquals(List.of(), sessions, state + ": sessions of a closed cohort");
            }
            assertEquals(scheduled.stream().filter(c -> c == 201).count(), sessions.size(), state);
            assertEquals(new java.util.HashSet<>(sessions), new java.util.HashSet<>(held), state + ": room bookings held without a session");
            raced = closure == 200 && released > 0;
        }
        assertEquals(true, raced, "no closure landed between a booking and its session's recording in 12 rounds");
    }

    @Test
    void eligibilityHoldsWhileStartupsServiceIsStopped() {
        String cohort = cohortAt("ESS", "[\"GROWTH\"]");
        String[] ids = new String[2];
        String[] stages = {"GROWTH", "IDEA"};
        for (int i = 0; i < 2; i++) {
            String ice = String.format("%015d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000_000L);
            ids[i] = api(ADMIN).body("""
                    {"kind": "INCORPORATED_STARTUP", "legalName": "Elig %d SARL", "brandName": "Elig %d", "ice": "%s", "legalForm": "SARL",
                     "sector": "SOFTWARE", "stage": "%s", "founders": [{"name": "Nadia", "email": "nadia@example.org"}]}
                    """.formatted(i, i, ice, stages[i])).post("/api/v1/startups").then().statusCode(201).extract().path("id");
        }
        // programs-service learns of both startups from startups-service's events
        await().atMost(Duration.ofSeconds(60)).until(() -> api(PM).body("{\"startupId\": \"" + ids[1] + "\"}")
                .post("/api/v1/cohorts/" + cohort + "/enrolments").statusCode() == 409);

        AppProcess startups = PlatformExtension.platform().app(Platform.STARTUPS);
        startups.stop();
        try {
            api(PM).body("{\"startupId\": \"" + ids[0] + "\"}").post("/api/v1/cohorts/" + cohort + "/enrolments").then()
                    .statusCode(201).body("status", equalTo("ACCEPTED"));
            api(PM).body("{\"startupId\": \"" + ids[1] + "\"}").post("/api/v1/cohorts/" + cohort + "/enrolments").then()
                    .statusCode(409).body("detail", containsString("GROWTH"));
            api(ADMIN).get("/api/v1/startups").then().statusCode(503).contentType("application/problem+json");
        } finally {
            startups.start().awaitReady(Duration.ofMinutes(2));
            PlatformExtension.awaitRouted("/api/v1/startups");
        }
    }
}
