package ma.technopark.programs.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import ma.technopark.platform.problem.ApiException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Training rooms booked in sites-service through {@link SitesClient} (timeout, retry when unreachable, circuit
 * breaker). A taken room is a 409 that says so;
 * sites-service unreachable is a 503.
 *
 * <p>A call to sites-service never joins the caller's transaction: it is suspended for the call (its connection and
 * row locks stay held) and resumed after. Left associated, the REST client's context propagation carried it onto the
 * event loop that handles the answer, and when sites-service refused the connection the caller could roll back while
 * that event loop was still inside it: Narayana then warned of an abort "while multiple threads active within it",
 * with both threads' stacks, and the event loop waited on the transaction's lock.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class RoomBookings {
    private static final Logger LOG = Logger.getLogger(RoomBookings.class);

    private static final String CREATED_NOTHING =
            "sites-service, which books the training rooms, is unavailable; nothing was created. Retry later.";
    private static final String MOVED_NOTHING =
            "sites-service, which books the training rooms, is unavailable; nothing was moved. Retry later.";
    private static final String CANCELLED_NOTHING =
            "sites-service, which books the training rooms, is unavailable; nothing was cancelled. Retry later.";

    private final SitesClient sites;

    public RoomBookings(@RestClient SitesClient sites) {
        this.sites = sites;
    }

    /**
     * A session's room must be a bookable room of its cohort's site: sites-service is asked before anything is booked
     * or moved. A room of another site, or no room at all, is a 400 on {@code spaceId}; sites-service unreachable is a
     * 503 (nothing created, or nothing moved, as {@code moving} says).
     */
    public void requireRoomAt(UUID siteId, String siteCode, UUID room, boolean moving) {
        try {
            if (!sites.space(siteId, room).bookable()) {
                throw ApiException.invalid("spaceId", "is not a bookable room");
            }
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw ApiException.invalid("spaceId", "is not a room of site " + siteCode + ", where the cohort meets");
            }
            throw unavailable(e, moving ? MOVED_NOTHING : CREATED_NOTHING);
        } catch (ProcessingException | TimeoutException | CircuitBreakerOpenException e) {
            throw unavailable(e, moving ? MOVED_NOTHING : CREATED_NOTHING);
        }
    }

    public SitesClient.Booking book(String authorization, UUID room, String title, LocalDate date, LocalTime start, LocalTime end) {
        try {
            SitesClient.BookingResult result = sites.book(authorization, new SitesClient.BookingRequest(room, title, date, start, end));
            if (result == null || result.bookings() == null || result.bookings().isEmpty()) {
                throw ApiException.unavailable("sites-service answered a booking without the booking");
            }
            return result.bookings().get(0);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String detail = problemDetail(e);
            if (status == 409) {
                throw ApiException.conflict("room-taken", "The training room is not free: " + detail);
            }
            if (status == 400 || status == 404) {
                throw ApiException.invalid("spaceId", "sites-service refused the room: " + detail);
            }
            if (status == 401 || status == 403) {
                throw ApiException.forbidden("sites-service refused the booking: " + detail);
            }
            throw unavailable(e, CREATED_NOTHING);
        } catch (ProcessingException | TimeoutException | CircuitBreakerOpenException e) {
            throw unavailable(e, CREATED_NOTHING);
        }
    }

    /**
     * Moves the booking of a session that is being moved, in one step in sites-service (its own old slot is no
     * obstacle there). Another booking in the way is a 409 {@code room-taken}; a booking sites-service no longer holds
     * (cancelled, started, unknown) a 409 {@code booking-not-movable}; a refusal of the caller a 403; sites-service
     * unreachable a 503. The same move sent again changes nothing there, so a retry after a lost answer is safe.
     */
    public SitesClient.Booking move(String authorization, UUID booking, UUID room, LocalDate date, LocalTime start, LocalTime end) {
        try {
            return sites.move(authorization, booking, new SitesClient.MoveRequest(room, date, start, end));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String body = body(e);
            String detail = problemDetail(body, status);
            if (status == 409 && body.contains("slot-taken")) {
                throw ApiException.conflict("room-taken", "The training room is not free: " + detail);
            }
            if (status == 409 || status == 404) {
                throw ApiException.conflict("booking-not-movable", "sites-service can no longer move the session's booking: " + detail);
            }
            if (status == 400) {
                throw ApiException.invalid("spaceId", "sites-service refused the room: " + detail);
            }
            if (status == 401 || status == 403) {
                throw ApiException.forbidden("sites-service refused to move the room booking: " + detail);
            }
            throw unavailable(e, MOVED_NOTHING);
        } catch (ProcessingException | TimeoutException | CircuitBreakerOpenException e) {
            throw unavailable(e, MOVED_NOTHING);
        }
    }

    /**
     * Cancels the booking of a session that is being cancelled. A booking sites-service already cancelled (409) or
     * does not have (404) leaves nothing to free, so the session's cancellation goes on; a refusal of the caller is a
     * 403; sites-service unreachable is a 503, and the caller's transaction then changes nothing.
     */
    public void release(String authorization, UUID booking) {
        try {
            sites.cancel(authorization, booking);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 409 || status == 404) {
                LOG.infof("booking %s was no longer held in sites-service (%d): the session is cancelled all the same", booking, status);
                return;
            }
            if (status == 401 || status == 403) {
                throw ApiException.forbidden("sites-service refused to cancel the room booking: " + problemDetail(e));
            }
            throw unavailable(e, CANCELLED_NOTHING);
        } catch (ProcessingException | TimeoutException | CircuitBreakerOpenException e) {
            throw unavailable(e, CANCELLED_NOTHING);
        }
    }

    /** Undoes a booking when the session could not be recorded (best effort; logged when it fails). */
    public void cancel(String authorization, UUID booking) {
        try {
            sites.cancel(authorization, booking);
        } catch (RuntimeException e) {
            LOG.warnf("could not cancel booking %s after a failed session: %s", booking, e.toString());
        }
    }

    private static ApiException unavailable(Exception e, String detail) {
        LOG.warnf("sites-service unavailable for a room booking: %s", e.toString());
        return ApiException.unavailable(detail);
    }

    private static String problemDetail(WebApplicationException e) {
        return problemDetail(body(e), e.getResponse().getStatus());
    }

    private static String body(WebApplicationException e) {
        try {
            return e.getResponse().readEntity(String.class);
        } catch (RuntimeException ignored) {
            return "";
        }
    }

    private static String problemDetail(String body, int status) {
        int at = body == null ? -1 : body.indexOf("\"detail\"");
        if (at >= 0) {
            int start = body.indexOf('"', body.indexOf(':', at) + 1) + 1;
            return body.substring(start, body.indexOf('"', start));
        }
        return "HTTP " + status;
    }
}
