package ma.technopark.programs.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ma.technopark.programs.Mentor;
import ma.technopark.programs.OfficeHour;
import ma.technopark.programs.Session;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and view records of sessions, attendance, mentors and office hours. */
public final class SessionRecords {
    private SessionRecords() {
    }

    @Schema(name = "SessionRequest", description = "Times are Africa/Casablanca local times, within one day")
    public record SessionRequest(@NotNull UUID cohortId,
            @NotBlank @Size(max = 200) @Schema(example = "Atelier business model") String title,
            @NotNull @Pattern(regexp = "WORKSHOP|TRAINING|MASTERCLASS|DEMO_DAY", message = "must be WORKSHOP, TRAINING, MASTERCLASS or DEMO_DAY")
            @Schema(example = "WORKSHOP") String kind,
            @NotNull @Schema(description = "A bookable room of the cohort's site (sites-service space id): a room of another site is a 400")
            UUID spaceId,
            @NotNull @Schema(example = "2027-03-10") LocalDate date,
            @NotNull @Schema(type = SchemaType.STRING, example = "09:30") LocalTime startTime,
            @NotNull @Schema(type = SchemaType.STRING, example = "12:30") LocalTime endTime) {
    }

    /** A session's new slot, in Africa/Casablanca local time; in another training room when spaceId is given. */
    @Schema(name = "SessionMoveRequest")
    public record SessionMoveRequest(
            @Schema(description = "Another room of the cohort's site; the session's own room when absent") UUID spaceId,
            @NotNull @Schema(example = "2027-03-11") LocalDate date,
            @NotNull @Schema(type = SchemaType.STRING, example = "14:00") LocalTime startTime,
            @NotNull @Schema(type = SchemaType.STRING, example = "17:00") LocalTime endTime) {
    }

    @Schema(name = "Session")
    public record SessionView(UUID id, UUID cohortId, String title, String kind, UUID spaceId, UUID bookingId,
            OffsetDateTime startsAt, OffsetDateTime endsAt, Session.Status status,
            @Schema(description = "When it was cancelled; absent while scheduled") OffsetDateTime cancelledAt,
            @Schema(description = "Who cancelled it: the subject of the caller's token, or sites-service when the room's "
                    + "booking was cancelled there") String cancelledBy, long version) {
        public static SessionView of(Session s) {
            return new SessionView(s.id, s.cohortId, s.title, s.kind, s.spaceId, s.bookingId, s.startsAt, s.endsAt, s.status,
                    s.cancelledAt, s.cancelledBy, s.version);
        }
    }

    @Schema(name = "AttendanceRequest")
    public record AttendanceRequest(@NotNull @Schema(example = "0190c2a4-5b1e-7c3d-9f00-1a2b3c4d5e6f") UUID startupId,
            @NotNull @Schema(example = "true") Boolean present) {
    }

    @Schema(name = "Attendance")
    public record AttendanceView(UUID sessionId, UUID startupId, boolean present, OffsetDateTime recordedAt) {
    }

    @Schema(name = "MentorRequest")
    public record MentorRequest(@NotBlank @Size(max = 120) @Schema(example = "Karim Alaoui") String name,
            @NotBlank @Email @Size(max = 200) @Schema(example = "karim@example.org") String email,
            @NotEmpty @Size(max = 20) @Schema(example = "[\"levée de fonds\", \"marketing\"]") Set<@NotBlank @Size(max = 60) String> expertise,
            @NotEmpty @Size(max = 10) @Schema(example = "[\"fr\", \"ar\", \"en\"]") Set<@NotBlank @Size(max = 10) String> languages,
            @Size(max = 20) @Schema(example = "[\"ESS\"]") Set<@NotBlank @Size(max = 16) String> siteCodes) {
    }

    @Schema(name = "Mentor")
    public record MentorView(UUID id, String name, String email, List<String> expertise, List<String> languages, List<String> siteCodes) {
        public static MentorView of(Mentor m) {
            return new MentorView(m.id, m.name, m.email, List.of(m.expertise), List.of(m.languages), List.of(m.siteCodes));
        }
    }

    @Schema(name = "OfficeHourRequest")
    public record OfficeHourRequest(@NotNull @Schema(example = "2027-03-12T10:00:00+01:00") OffsetDateTime startsAt,
            @NotNull @Schema(example = "2027-03-12T10:45:00+01:00") OffsetDateTime endsAt) {
    }

    @Schema(name = "Reservation")
    public record ReservationRequest(@NotNull @Schema(example = "0190c2a4-5b1e-7c3d-9f00-1a2b3c4d5e6f") UUID startupId) {
    }

    @Schema(name = "OfficeHour")
    public record OfficeHourView(UUID id, UUID mentorId, OffsetDateTime startsAt, OffsetDateTime endsAt, OfficeHour.Status status,
            UUID startupId, long version) {
        public static OfficeHourView of(OfficeHour o) {
            return new OfficeHourView(o.id, o.mentorId, o.startsAt, o.endsAt, o.status, o.startupId, o.version);
        }
    }
}
