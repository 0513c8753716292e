package ma.technopark.sites.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import ma.technopark.sites.Booking;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Booking")
public record BookingView(UUID id, UUID siteId, UUID spaceId, String title, String bookedBy,
        @Schema(description = "Whom it is held for: its booker, or the programme team (any programme manager may cancel it)")
        Booking.HeldFor heldFor,
        @Schema(description = "Start, with the Africa/Casablanca offset") OffsetDateTime startsAt,
        OffsetDateTime endsAt, Booking.Status status, UUID seriesId, OffsetDateTime createdAt, long version) {

    public static BookingView of(Booking b) {
        return new BookingView(b.id, b.siteId, b.spaceId, b.title, b.bookedBy, b.heldFor, local(b.startsAt), local(b.endsAt), b.status,
                b.seriesId, b.createdAt, b.version);
    }

    private static OffsetDateTime local(OffsetDateTime t) {
        return t.atZoneSameInstant(java.time.ZoneId.of("Africa/Casablanca")).toOffsetDateTime();
    }
}
