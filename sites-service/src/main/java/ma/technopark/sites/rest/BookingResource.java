package ma.technopark.sites.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.idempotency.IdempotencyKeys;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Roles;
import ma.technopark.sites.Booking;
import ma.technopark.sites.service.BookingService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/bookings")
@Tag(name = "Bookings", description = "Rooms booked by time slot (Africa/Casablanca local time)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SITE_MANAGER, Roles.PROGRAMME_MANAGER, Roles.STARTUP})
public class BookingResource {
    private final BookingService service;
    private final IdempotencyKeys idempotency;

    public BookingResource(BookingService service, IdempotencyKeys idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    /** The bookings one request made: one, or every week of a series. */
    @Schema(name = "BookingResult")
    public record BookingResult(UUID seriesId, List<BookingView> bookings) {
    }

    @POST
    @Operation(summary = "Book a room",
            description = "A slot within one local day (hours and minutes), not in the past and at most two years ahead. "
                    + "With weeks, the same slot every week: all weeks are booked or none. A taken slot is a 409 naming the dates. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Booked", content = @Content(schema = @Schema(implementation = BookingResult.class)))
    public Response book(@NotNull @Valid BookingRequest request, @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Context UriInfo uri) {
        if (key == null) {
            return answer(service.book(request), uri); // batched with the bookings waiting for the room
        }
        // with a key, the booking is decided in the transaction that records the key with its answer
        return idempotency.once(key, "POST /api/v1/bookings", request, () -> answer(service.book(request), uri));
    }

    private static Response answer(List<Booking> made, UriInfo uri) {
        return Response.created(uri.getAbsolutePathBuilder().path(made.get(0).id.toString()).build())
                .entity(new BookingResult(made.get(0).seriesId, made.stream().map(BookingView::of).toList())).build();
    }

    @GET
    @Operation(summary = "A room's bookings between two dates", description = "Confirmed and cancelled, by start time.")
    @APIResponse(responseCode = "200", description = "The bookings",
            content = @Content(schema = @Schema(implementation = BookingView.class, type = SchemaType.ARRAY)))
    public List<BookingView> list(@NotNull @QueryParam("spaceId") UUID spaceId, @NotNull @QueryParam("from") LocalDate from,
            @NotNull @QueryParam("to") LocalDate to) {
        if (to.isBefore(from) || to.isAfter(from.plusDays(366))) {
            throw ApiException.invalid("to", "must be on or after from, and within a year of it");
        }
        return service.list(spaceId, from, to).stream().map(BookingView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a booking")
    @APIResponse(responseCode = "200", description = "The booking", content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        Booking b = service.get(id);
        return Preconditions.conditionalGet(request, b.version, BookingView.of(b));
    }

    @POST
    @Path("/{id}/cancellation")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel a booking", description = "The booker, the site's manager or an admin. The slot is free again.")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = BookingView.class)))
    public BookingView cancel(@PathParam("id") UUID id) {
        return BookingView.of(service.cancel(id));
    }

    @POST
    @Path("/{id}/move")
    @Operation(summary = "Move a booking to another slot",
            description = "Whoever may cancel it, before it starts: to another slot of the same rules as a new booking, in its "
                    + "room or another (spaceId). Its own old slot is no obstacle; another booking's is a 409 and nothing changes. "
                    + "One week of a series moves alone. Publishes sites.booking.moved with the previous slot.")
    @APIResponse(responseCode = "200", description = "Moved", content = @Content(schema = @Schema(implementation = BookingView.class)))
    public BookingView move(@PathParam("id") UUID id, @NotNull @Valid BookingMoveRequest request) {
        return BookingView.of(service.move(id, request));
    }

    @POST
    @Path("/series/{seriesId}/cancellation")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel the rest of a weekly series", description = "The booker, the site's manager or an admin. "
            + "Every week not cancelled yet whose slot has not started; the weeks held stay. All or nothing.")
    @APIResponse(responseCode = "200", description = "The weeks cancelled, by date",
            content = @Content(schema = @Schema(implementation = BookingResult.class)))
    public BookingResult cancelSeries(@PathParam("seriesId") UUID seriesId) {
        return new BookingResult(seriesId, service.cancelSeries(seriesId).stream().map(BookingView::of).toList());
    }
}
