package ma.technopark.startups.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import ma.technopark.startups.Application;
import ma.technopark.startups.Review;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and view records of incubation applications, their reviews and decisions. */
public final class ApplicationRequests {
    private ApplicationRequests() {
    }

    @Schema(name = "ApplicationRequest")
    public record Create(
            @NotNull UUID startupId,
            @NotBlank @Size(max = 16) @Schema(example = "ESS") String siteCode,
            @NotNull @Positive @Max(100) @Schema(example = "4") Integer seats,
            @Schema(example = "2027-01-01") LocalDate startDate,
            @Size(max = 5000) @Schema(example = "Nous voulons tester notre offre auprès des hôtels d'Essaouira.") String motivation) {
    }

    @Schema(name = "ReviewRequest")
    public record ReviewCreate(
            @NotNull @Min(1) @Max(5) @Schema(example = "4") Integer innovation,
            @NotNull @Min(1) @Max(5) @Schema(example = "3") Integer team,
            @NotNull @Min(1) @Max(5) @Schema(example = "4") Integer market,
            @NotNull @Min(1) @Max(5) @Schema(example = "5") Integer impact,
            @Size(max = 2000) @Schema(example = "Équipe solide, marché local à préciser.") String comment) {
    }

    @Schema(name = "DecisionRequest")
    public record Decision(
            @NotNull @Schema(example = "ACCEPTED", enumeration = {"ACCEPTED", "WAITLISTED", "REJECTED"}) Application.Status outcome,
            @NotBlank @Size(max = 2000) @Schema(example = "Score moyen 4,1 ; adéquation avec le programme d'incubation") String reason) {
    }

    @Schema(name = "Application")
    public record View(UUID id, UUID startupId, String siteCode, int seats, LocalDate startDate, String motivation,
            Application.Status status, Application.Hosting hosting, String decisionReason, String decidedBy,
            OffsetDateTime decidedAt, OffsetDateTime submittedAt, OffsetDateTime createdAt, long version) {

        public static View of(Application a) {
            return new View(a.id, a.startupId, a.siteCode, a.seats, a.startDate, a.motivation, a.status, a.hosting,
                    a.decisionReason, a.decidedBy, a.decidedAt, a.submittedAt, a.createdAt, a.version);
        }
    }

    @Schema(name = "Review")
    public record ReviewView(UUID id, UUID applicationId, String reviewer, int innovation, int team, int market, int impact,
            String comment, OffsetDateTime createdAt) {

        public static ReviewView of(Review r) {
            return new ReviewView(r.id, r.applicationId, r.reviewer, r.innovation, r.team, r.market, r.impact, r.comment,
                    r.createdAt);
        }
    }
}
