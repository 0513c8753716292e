package ma.technopark.sites.rest;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A booking's new slot, in Africa/Casablanca local time, within one day; in another room when spaceId is given. */
@Schema(name = "BookingMoveRequest")
public record BookingMoveRequest(
        @Schema(description = "Another bookable room; the booking's own room when absent") UUID spaceId,
        @NotNull @Schema(example = "2027-03-16") LocalDate date,
        @NotNull @Schema(type = SchemaType.STRING, example = "11:00") LocalTime startTime,
        @NotNull @Schema(type = SchemaType.STRING, example = "12:00") LocalTime endTime) {
}
