package ma.technopark.sites.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import ma.technopark.sites.NomadPass;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NomadPassRequest")
public record NomadPassRequest(
        @NotNull UUID siteId,
        @NotBlank @Size(max = 120) @Schema(example = "Lina Haddad") String holderName,
        @NotBlank @Email @Size(max = 200) @Schema(example = "lina@example.org") String holderEmail,
        @NotNull @Schema(example = "WEEK") NomadPass.Kind kind,
        @NotNull @Schema(example = "2027-04-05") LocalDate startDate) {
}
