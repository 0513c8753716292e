package ma.technopark.sites.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import ma.technopark.sites.Booking;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A slot in a room, in Africa/Casablanca local time, within one day. */
@Schema(name = "BookingRequest")
public record BookingRequest(
        @NotNull UUID spaceId,
        @NotBlank @Size(max = 200) @Schema(example = "Atelier pitch") String title,
        @NotNull @Schema(example = "2027-03-15") LocalDate date,
        @NotNull @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "10:00") LocalTime startTime,
        @NotNull @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "11:00") LocalTime endTime,
        @Min(1) @Max(52) @Schema(description = "Book the same slot this many weeks in a row (a weekly series, all or nothing)",
                example = "10") Integer weeks,
        @Schema(description = "Whom the booking is held for: BOOKER (the default) or PROGRAMMES, the programme team's, which"
                + " any programme manager may cancel (programs-service books its sessions' rooms so). Only a programme manager"
                + " or an admin books for the programme team.") Booking.HeldFor heldFor) {
}
