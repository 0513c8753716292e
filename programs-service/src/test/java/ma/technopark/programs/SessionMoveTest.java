package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.ofType;
import static ma.technopark.testing.EventProbe.withSubject;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * Moving a session, on the real database and broker. sites-service is not running here (the system tests move a
 * session against the real one): its absence is the 503, and its booking events are sent to the topic as it would
 * send them.
 */
@QuarkusTest
class SessionMoveTest {
    private static final String PM = DevTokens.subject("pm").groups("programme-manager").sign();

    private static String move(String date, String start, String end) {
        return "{\"date\": \"" + date + "\", \"startTime\": \"" + start + "\", \"endTime\": \"" + end + "\"}";
    }

    private static String bookingMoved(UUID booking, UUID space, String startsAt, String endsAt) {
        return """
                {"specversion":"1.0","id":"%s","source":"/sites-service","type":"ma.technopark.sites.booking.moved",
                 "time":"2026-11-29T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"bookingId":"%s","siteId":"%s","siteCode":"ESS","spaceId":"%s","title":"Atelier pitch",
                         "startsAt":"%s","endsAt":"%s","status":"CONFIRMED","seriesId":"","bookedBy":"site-manager","heldFor":"PROGRAMMES",
                         "previousSpaceId":"%s","previousStartsAt":"2027-03-10T10:00:00+01:00",
                         "previousEndsAt":"2027-03-10T12:00:00+01:00"}}
                """.formatted(UUID.randomUUID(), booking, booking, UUID.randomUUID(), space, startsAt, endsAt, UUID.randomUUID());
    }

    private static java.time.Instant instant(String time) {
        return java.time.OffsetDateTime.parse(time).toInstant();
    }

    @Test
    void withSitesServiceDownAMoveIsAFast503AndARefusedMoveChangesNothing() {
        String cohort = ProgrammesTest.openCohort(ProgrammesTest.programme("[\"IDEA\"]", null), 10);
        UUID future = SessionCancellationTest.session(cohort, UUID.randomUUID(), "10 days");
        String path = "/api/v1/sessions/" + future + "/move";
        for (int i = 0; i < 6; i++) { // past the circuit breaker's threshold too
            given().auth().oauth2(PM).contentType(ContentType.JSON).body(move("2027-03-10", "14:00", "16:00")).post(path)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("rien n'a été déplacé")).time(lessThan(5L), TimeUnit.SECONDS);
        }
        // the calls were sent with the move's transaction suspended (its row lock still held), never inside it
        org.junit.jupiter.api.Assertions.assertFalse(TransactionProbe.STATUSES.isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(TransactionProbe.noneInATransaction(), TransactionProbe.STATUSES.toString());
        // refused before sites-service is asked: outside the cohort, a slot backwards, seconds, no date
        given().auth().oauth2(PM).contentType(ContentType.JSON).body(move("2028-06-01", "14:00", "16:00")).post(path)
                .then().statusCode(400).body("errors[0].field", equalTo("date"));
        given().auth().oauth2(PM).contentType(ContentType.JSON).body(move("2027-03-10", "16:00", "14:00")).post(path)
                .then().statusCode(400).body("errors[0].field", equalTo("endTime"));
        given().auth().oauth2(PM).contentType(ContentType.JSON).body(move("2027-03-10", "14:00:30", "16:00")).post(path)
                .then().statusCode(400).body("errors[0].field", equalTo("startTime"));
        given().auth().oauth2(PM).contentType(ContentType.JSON).body("{\"startTime\": \"14:00\", \"endTime\": \"16:00\"}").post(path)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(PM).get("/api/v1/sessions/" + future).then().statusCode(200).body("version", equalTo(0))
                .body("status", equalTo("SCHEDULED"));
        assertEquals(0, TestInfra.count("SELECT count(*) FROM outbox_event WHERE record_key = ? AND type LIKE '%session.moved'",
                future.toString()));

        UUID started = SessionCancellationTest.session(cohort, UUID.randomUUID(), "-5 minutes");
        given().auth().oauth2(PM).contentType(ContentType.JSON).body(move("2027-03-10", "14:00", "16:00"))
                .post("/api/v1/sessions/" + started + "/move").then().statusCode(409).body("type", containsString("session-started"));
        given().auth().oauth2(PM).contentType(ContentType.JSON).body(move("2027-03-10", "14:00", "16:00"))
                .post("/api/v1/sessions/" + UUID.randomUUID() + "/move").then().statusCode(404);
        String startup = DevTokens.subject("s").groups("startup").startupId(UUID.randomUUID().toString()).sign();
        given().auth().oauth2(startup).contentType(ContentType.JSON).body(move("2027-03-10", "14:00", "16:00")).post(path)
                .then().statusCode(403);
    }

    /**
     * A booking moved in sites-service (by the site's manager, or by this service's own move) moves its session once:
     * a redelivery changes nothing more, a cancelled session stays where it was.
     */
    @Test
    void aBookingMovedInSitesServiceMovesItsSessionOnce() {
        String cohort = ProgrammesTest.openCohort(ProgrammesTest.programme("[\"IDEA\"]", null), 10);
        UUID booking = UUID.randomUUID();
        UUID cancelledBooking = UUID.randomUUID();
        UUID future = SessionCancellationTest.session(cohort, booking, "10 days");
        UUID cancelled = SessionCancellationTest.session(cohort, cancelledBooking, "10 days");
        TestInfra.execute("UPDATE session SET status = 'CANCELLED', cancelled_at = now(), cancelled_by = 'pm' WHERE id = ?", cancelled);
        UUID room = UUID.randomUUID();
        String before = given().auth().oauth2(PM).get("/api/v1/sessions/" + future).then().extract().path("startsAt");
        String moved = bookingMoved(booking, room, "2027-03-11T14:00:00+01:00", "2027-03-11T17:00:00+01:00");
        try (EventProbe probe = EventProbe.on("technopark.programs.v1")) {
            EventProbe.send("technopark.sites.v1", List.of(Map.entry(booking.toString(), moved), Map.entry(booking.toString(), moved),
                    Map.entry(cancelledBooking.toString(), bookingMoved(cancelledBooking, room, "2027-03-11T14:00:00+01:00",
                            "2027-03-11T17:00:00+01:00"))));
            await().atMost(Duration.ofSeconds(60)).until(() -> instant(given().auth().oauth2(PM).get("/api/v1/sessions/" + future)
                    .path("startsAt")).equals(instant("2027-03-11T14:00:00+01:00")));
            var view = given().auth().oauth2(PM).get("/api/v1/sessions/" + future).then().statusCode(200)
                    .body("spaceId", equalTo(room.toString())).body("status", equalTo("SCHEDULED")).body("version", equalTo(1)).extract();
            assertEquals(instant("2027-03-11T17:00:00+01:00"), instant(view.path("endsAt")));
            var events = probe.drain(ofType("ma.technopark.programs.session.moved").and(withSubject(future.toString())),
                    Duration.ofSeconds(3));
            assertEquals(1, events.size(), "one event for one move, the redelivery changing nothing");
            var data = json(events.get(0)).path("data");
            assertEquals("sites-service", data.path("movedBy").asText());
            assertEquals(instant("2027-03-11T14:00:00+01:00"), instant(data.path("startsAt").asText()));
            assertEquals(instant(before), instant(data.path("previousStartsAt").asText()), "the session's previous slot");
            assertEquals(booking.toString(), data.path("bookingId").asText());
        }
        given().auth().oauth2(PM).get("/api/v1/sessions/" + cancelled).then().body("status", equalTo("CANCELLED"))
                .body("spaceId", org.hamcrest.Matchers.not(equalTo(room.toString())));
    }
}
