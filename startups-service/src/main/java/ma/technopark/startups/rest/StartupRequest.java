package ma.technopark.startups.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import ma.technopark.startups.Startup;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StartupRequest")
public record StartupRequest(
        @NotNull @Schema(example = "INCORPORATED_STARTUP") Startup.Kind kind,
        @Size(max = 200) @Schema(example = "Mogador Labs SARL") String legalName,
        @NotBlank @Size(max = 200) @Schema(example = "Mogador Labs") String brandName,
        @Pattern(regexp = "[0-9]{15}", message = "must be exactly 15 digits") @Schema(example = "001234567000089") String ice,
        @Size(max = 40) @Schema(example = "RC 12345") String rcNumber,
        @Schema(example = "SARL") Startup.LegalForm legalForm,
        @NotNull @Schema(example = "TOURISM_TECH") Startup.Sector sector,
        @NotNull @Schema(example = "PROTOTYPE_MVP") Startup.Stage stage,
        @PastOrPresent @Schema(example = "2023-05-10") LocalDate foundingDate,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Founder> founders,
        @Size(max = 16) @Schema(description = "Code of the home site (a site this service knows)", example = "ESS") String homeSiteCode,
        @Valid Description description,
        @Size(max = 300) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Schema(example = "https://mogador.example")
        String website) {

    @Schema(name = "Founder")
    public record Founder(
            @NotBlank @Size(max = 120) @Schema(example = "Salma Bennani") String name,
            @NotBlank @Email @Size(max = 200) @Schema(example = "salma@mogador.example") String email,
            @Size(max = 80) @Schema(example = "CEO") String role) {
    }

    @Schema(name = "StartupDescription", description = "fr required when given")
    public record Description(
            @NotBlank @Size(max = 2000) @Schema(example = "Plateforme de réservation pour le tourisme durable") String fr,
            @Size(max = 2000) String ar,
            @Size(max = 2000) String en) {
    }
}
