package ma.technopark.programs;

import static io.restassured.RestAssured.given;
import static ma.technopark.testing.EventProbe.json;
import static ma.technopark.testing.EventProbe.ofType;
import static ma.technopark.testing.EventProbe.withSubject;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import ma.technopark.infra.DevTokens;
import ma.technopark.testing.ConditionalGets;
import ma.technopark.testing.EventProbe;
import ma.technopark.testing.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a session, on the real database and broker. sites-service is not running here (the system tests
 * cancel a session against the real one): its absence is the 503, and its booking events are sent to the topic as it
 * would send them.
 */
@QuarkusTest
class SessionCancellationTest {
    private static final String PM = DevTokens.subject("pm").groups("programme-manager").sign();

    /** A session row as scheduling leaves it, starting {@code startsIn} from now (negative: already started). */
    static UUID session(String cohort, UUID booking, String startsIn) {
        UUID id = UUID.randomUUID();
        TestInfra.execute("INSERT INTO session (id, cohort_id, title, kind, space_id, booking_id, starts_at, ends_at, created_at)"
                + " VALUES (?, ?, 'Atelier pitch', 'WORKSHOP', ?, ?, now() + ?::interval, now() + ?::interval + interval '2 hours', now())",
                id, UUID.fromString(cohort), UUID.randomUUID(), booking, startsIn, startsIn);
        return id;
    }

    private static String bookingCancelled(UUID booking) {
        return bookingCancelled(UUID.randomUUID().toString(), booking);
    }

    private static String bookingCancelled(String eventId, UUID booking) {
        return """
                {"specversion":"1.0","id":"%s","source":"/sites-service","type":"ma.technopark.sites.booking.cancelled",
                 "time":"2026-11-28T10:00:00Z","subject":"%s","datacontenttype":"application/json",
                 "data":{"bookingId":"%s","siteId":"%s","siteCode":"ESS","spaceId":"%s","title":"Atelier pitch",
                         "startsAt":"2027-03-10T10:00:00+01:00","endsAt":"2027-03-10T12:00:00+01:00","status":"CANCELLED",
                         "seriesId":"","bookedBy":"site-manager","heldFor":"PROGRAMMES"}}
                """.formatted(eventId, booking, booking, UUID.randomUUID(), UUID.randomUUID());
    }

    @Test
    void withSitesServiceDownACancellationIsAFast503AndTheSessionStaysScheduled() {
        String cohort = ProgrammesTest.openCohort(ProgrammesTest.programme("[\"IDEA\"]", null), 10);
        UUID future = session(cohort, UUID.randomUUID(), "10 days");
        for (int i = 0; i < 6; i++) { // past the circuit breaker's threshold too
            given().auth().oauth2(PM).post("/api/v1/sessions/" + future + "/cancellation").then().statusCode(503)
                    .contentType("application/problem+json").body("detail", containsString("rien n'a été annulé"))
                    .time(lessThan(5L), TimeUnit.SECONDS);
        }
        given().auth().oauth2(PM).get("/api/v1/sessions/" + future).then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("cancelledAt", nullValue());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(SessionsAndOfficeHoursTest.metric(metrics, "ft_circuitbreaker_opened_total", "cancel") >= 1, metrics);
        assertEquals(0, TestInfra.count("SELECT count(*) FROM outbox_event WHERE record_key = ? AND type LIKE '%session.cancelled'",
                future.toString()));

        // a session that has started is not cancelled; sites-service is not even asked (no 503)
        UUID started = session(cohort, UUID.randomUUID(), "-5 minutes");
        given().auth().oauth2(PM).post("/api/v1/sessions/" + started + "/cancellation").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("session-started"));
        given().auth().oauth2(PM).post("/api/v1/sessions/" + UUID.randomUUID() + "/cancellation").then().statusCode(404)
                .contentType("application/problem+json");
        String startup = DevTokens.subject("s").groups("startup").startupId(UUID.randomUUID().toString()).sign();
        given().auth().oauth2(startup).post("/api/v1/sessions/" + future + "/cancellation").then().statusCode(403);
    }

    @Test
    void aBookingCancelledInSitesServiceCancelsItsSessionOnce() {
        String cohort = ProgrammesTest.openCohort(ProgrammesTest.programme("[\"IDEA\"]", null), 10);
        UUID booking = UUID.randomUUID();
        UUID heldBooking = UUID.randomUUID();
        UUID future = session(cohort, booking, "10 days");
        UUID started = session(cohort, heldBooking, "-30 minutes");
        String heldEventId = UUID.randomUUID().toString();
        String heldEvent = bookingCancelled(heldEventId, heldBooking);
        String scheduled = given().auth().oauth2(PM).get("/api/v1/sessions/" + future).then().statusCode(200)
                .body("version", equalTo(0)).extract().header("ETag");
        try (EventProbe probe = EventProbe.on("technopark.programs.v1")) {
            // the same cancellation twice (sites-service's relay may send an event again) and the started session's
            EventProbe.send("technopark.sites.v1", List.of(Map.entry(booking.toString(), bookingCancelled(booking)),
                    Map.entry(booking.toString(), bookingCancelled(booking)), Map.entry(heldBooking.toString(), heldEvent)));
            await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(
                    given().auth().oauth2(PM).get("/api/v1/sessions/" + future).path("status")));
            await().atMost(Duration.ofSeconds(60)).until(() -> TestInfra.count(
                    "SELECT count(*) FROM inbox_event WHERE event_id = ?", heldEventId) == 1);

            given().auth().oauth2(PM).get("/api/v1/sessions/" + future).then().statusCode(200)
                    .body("cancelledBy", equalTo("sites-service")).body("cancelledAt", notNullValue());
            // its version moved: the copy read while it was scheduled is not current any more
            given().auth().oauth2(PM).header("If-None-Match", scheduled).get("/api/v1/sessions/" + future).then().statusCode(200)
                    .body("version", equalTo(1));
            ConditionalGets.assertVersionIsTheETag(PM, "/api/v1/sessions/" + future);
            var cancelled = probe.drain(ofType("ma.technopark.programs.session.cancelled").and(withSubject(future.toString())),
                    Duration.ofSeconds(3));
            assertEquals(1, cancelled.size(), "one event for one cancellation");
            assertEquals(booking.toString(), json(cancelled.get(0)).path("data").path("bookingId").asText());
            assertEquals("sites-service", json(cancelled.get(0)).path("data").path("cancelledBy").asText());
            assertEquals("ESS", json(cancelled.get(0)).path("data").path("siteCode").asText());
        }
        given().auth().oauth2(PM).get("/api/v1/sessions/" + started).then().statusCode(200).body("status", equalTo("SCHEDULED"));

        // a cancelled session is not cancelled again, takes no attendance, and the list filters by status
        given().auth().oauth2(PM).post("/api/v1/sessions/" + future + "/cancellation").then().statusCode(409)
                .body("type", containsString("illegal-transition"));
        given().auth().oauth2(PM).contentType(ContentType.JSON)
                .body("{\"startupId\": \"" + UUID.randomUUID() + "\", \"present\": true}")
                .post("/api/v1/sessions/" + future + "/attendance").then().statusCode(409)
                .body("type", containsString("session-cancelled"));
        given().auth().oauth2(PM).queryParam("cohortId", cohort).get("/api/v1/sessions").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].id", equalTo(started.toString()));
        given().auth().oauth2(PM).queryParam("cohortId", cohort).queryParam("status", "CANCELLED").get("/api/v1/sessions")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(future.toString()));
        given().auth().oauth2(PM).queryParam("cohortId", cohort).queryParam("status", "SCHEDULED").get("/api/v1/sessions")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(started.toString()));
        given().auth().oauth2(PM).queryParam("cohortId", cohort).queryParam("status", "POSTPONED").get("/api/v1/sessions")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
