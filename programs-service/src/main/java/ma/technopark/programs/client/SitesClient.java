package ma.technopark.programs.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * sites-service's API as programs-service uses it: the training rooms it books, and the spaces it checks first (is the
 * room at the cohort's site?). Every call has the same guards: a short timeout, a retry only when sites-service could
 * not be reached (a refusal is not retried), and a circuit breaker (one per method) that answers at once while
 * sites-service is down.
 */
@RegisterRestClient(configKey = "sites")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = WebApplicationException.class)
public interface SitesClient {

    @POST
    @Path("/bookings")
    BookingResult book(@HeaderParam("Authorization") String authorization, BookingRequest request);

    @POST
    @Path("/bookings/{id}/move")
    Booking move(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id, MoveRequest request);

    @POST
    @Path("/bookings/{id}/cancellation")
    void cancel(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id);

    /** A space of a site (public reference data); a 404 when the space is not at that site. */
    @GET
    @Path("/sites/{siteId}/spaces/{spaceId}")
    Space space(@PathParam("siteId") UUID siteId, @PathParam("spaceId") UUID spaceId);

    /**
     * A session's room, held for the programme team ({@code heldFor: PROGRAMMES}): any programme manager may cancel
     * it, as any programme manager may cancel the session.
     */
    record BookingRequest(UUID spaceId, String title, LocalDate date, LocalTime startTime, LocalTime endTime, String heldFor) {
        BookingRequest(UUID spaceId, String title, LocalDate date, LocalTime startTime, LocalTime endTime) {
            this(spaceId, title, date, startTime, endTime, "PROGRAMMES");
        }
    }

    /** A booking's new slot; its own room when spaceId is null. */
    record MoveRequest(UUID spaceId, LocalDate date, LocalTime startTime, LocalTime endTime) {
    }

    record BookingResult(UUID seriesId, List<Booking> bookings) {
    }

    record Booking(UUID id, UUID spaceId, java.time.OffsetDateTime startsAt, java.time.OffsetDateTime endsAt, String status) {
    }

    record Space(UUID id, UUID siteId, String type, boolean bookable) {
    }
}
