package ma.technopark.programs.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ma.technopark.platform.types.LocalizedText;
import ma.technopark.platform.types.Money;
import ma.technopark.programs.Cohort;
import ma.technopark.programs.Convention;
import ma.technopark.programs.Enrolment;
import ma.technopark.programs.Partner;
import ma.technopark.programs.Programme;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and view records of programmes, cohorts, enrolments, partners and conventions. */
public final class ProgrammeRecords {
    private ProgrammeRecords() {
    }

    @Schema(name = "ProgrammeRequest")
    public record ProgrammeRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be 2 to 32 capital letters, digits or dashes")
            @Schema(example = "INCUB-ESS") String code,
            @NotNull @Valid LocalizedText name,
            @Valid Description description,
            @NotNull @Schema(example = "INCUBATION") Programme.Kind kind,
            @NotNull @Min(1) @Max(60) @Schema(description = "6 or 12 months, or custom", example = "12") Integer durationMonths,
            @NotEmpty @Schema(description = "Startup stages taken", example = "[\"PROTOTYPE_MVP\", \"EARLY_REVENUE\"]")
            Set<@NotNull Stage> eligibleStages,
            @Size(max = 20) Set<@NotBlank @Size(max = 16) String> siteCodes,
            @Size(max = 20) Set<@NotNull UUID> fundingConventionIds) {
    }

    /** The startup stages of startups-service. */
    public enum Stage { IDEA, PROTOTYPE_MVP, EARLY_REVENUE, GROWTH, SCALE }

    @Schema(name = "ProgrammeDescription")
    public record Description(@NotBlank @Size(max = 4000) @Schema(example = "Douze mois d'accompagnement") String fr,
            @Size(max = 4000) String ar, @Size(max = 4000) String en) {
    }

    @Schema(name = "Programme")
    public record ProgrammeView(UUID id, String code, LocalizedText name, Description description, Programme.Kind kind,
            int durationMonths, List<String> eligibleStages, List<String> siteCodes, Set<UUID> fundingConventionIds,
            Programme.Status status, OffsetDateTime createdAt, long version) {
        public static ProgrammeView of(Programme p) {
            return new ProgrammeView(p.id, p.code, new LocalizedText(p.nameFr, p.nameAr, p.nameEn),
                    p.descriptionFr == null ? null : new Description(p.descriptionFr, p.descriptionAr, p.descriptionEn), p.kind,
                    p.durationMonths, List.of(p.eligibleStages), List.of(p.siteCodes), Set.copyOf(p.conventionIds), p.status,
                    p.createdAt, p.version);
        }
    }

    @Schema(name = "CohortRequest")
    public record CohortRequest(@NotNull UUID programmeId,
            @NotBlank @Size(max = 120) @Schema(example = "Promotion printemps 2027") String name,
            @NotBlank @Size(max = 16) @Schema(example = "ESS") String siteCode,
            @NotNull @Schema(example = "2027-03-01") LocalDate startDate,
            @NotNull @Schema(example = "2028-03-01") LocalDate endDate,
            @NotNull @Positive @Max(1000) @Schema(example = "20") Integer capacity) {
    }

    @Schema(name = "CapacityChange")
    public record CapacityChange(@NotNull @Positive @Max(1000) @Schema(example = "25") Integer capacity) {
    }

    @Schema(name = "Cohort")
    public record CohortView(UUID id, UUID programmeId, String name, String siteCode, LocalDate startDate, LocalDate endDate,
            int capacity, @Schema(description = "Places held (accepted, active, completed)") long placed, Cohort.Status status,
            long version) {
        public static CohortView of(Cohort c, long placed) {
            return new CohortView(c.id, c.programmeId, c.name, c.siteCode, c.startDate, c.endDate, c.capacity, placed, c.status,
                    c.version);
        }
    }

    @Schema(name = "EnrolmentRequest")
    public record EnrolmentRequest(@NotNull @Schema(example = "0190c2a4-5b1e-7c3d-9f00-1a2b3c4d5e6f") UUID startupId) {
    }

    @Schema(name = "Enrolment")
    public record EnrolmentView(UUID id, UUID cohortId, UUID startupId, Enrolment.Status status, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, long version) {
        public static EnrolmentView of(Enrolment e) {
            return new EnrolmentView(e.id, e.cohortId, e.startupId, e.status, e.createdAt, e.updatedAt, e.version);
        }
    }

    @Schema(name = "PartnerRequest")
    public record PartnerRequest(@NotBlank @Size(max = 200) @Schema(example = "Conseil provincial d'Essaouira") String name,
            @NotNull @Schema(example = "PROVINCIAL_COUNCIL") Partner.Kind kind,
            @Email @Size(max = 200) @Schema(example = "contact@example.org") String contactEmail) {
    }

    @Schema(name = "Partner")
    public record PartnerView(UUID id, String name, Partner.Kind kind, String contactEmail, OffsetDateTime createdAt) {
        public static PartnerView of(Partner p) {
            return new PartnerView(p.id, p.name, p.kind, p.contactEmail, p.createdAt);
        }
    }

    @Schema(name = "ConventionRequest")
    public record ConventionRequest(
            @NotBlank @Size(max = 300) @Schema(example = "Convention d'exploitation du Technopark d'Essaouira") String title,
            @NotNull @Schema(example = "SITE_OPERATION") Convention.Subject object,
            @Size(max = 16) @Schema(example = "ESS") String siteCode,
            @Schema(example = "2023-11-24") LocalDate signatureDate,
            @NotNull @Schema(example = "2024-01-01") LocalDate startDate,
            @Schema(example = "2028-12-31") LocalDate endDate,
            @Valid Money budget,
            @Min(0) @Max(1_000_000) @Schema(example = "300") Integer targetBeneficiaries,
            @NotEmpty @Size(max = 20) Set<@NotNull UUID> partnerIds) {
    }

    @Schema(name = "Convention")
    public record ConventionView(UUID id, String title, Convention.Subject object, String siteCode, LocalDate signatureDate,
            LocalDate startDate, LocalDate endDate, Money budget, Integer targetBeneficiaries, Set<UUID> partnerIds, long version) {
        public static ConventionView of(Convention c) {
            return new ConventionView(c.id, c.title, c.object, c.siteCode, c.signatureDate, c.startDate, c.endDate,
                    Money.mad(c.budgetMad), c.targetBeneficiaries, Set.copyOf(c.partnerIds), c.version);
        }
    }

    @Schema(name = "Beneficiaries", description = "Distinct startups holding a place in a cohort, counted from the enrolments")
    public record Beneficiaries(@Schema(description = "Convention id, or null for the network") UUID conventionId,
            long beneficiaries, @Schema(description = "The target to compare with, when there is one") Integer target) {
    }
}
