package ma.technopark.platform.types;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Text in French (required), Arabic and English; Arabic is stored and returned exactly as given. */
@Schema(name = "LocalizedText", description = "Text in fr (required), ar and en")
public record LocalizedText(
        @NotBlank @Size(max = 200) @Schema(example = "Technopark d'Essaouira") String fr,
        @Size(max = 200) @Schema(example = "تكنوبارك الصويرة") String ar,
        @Size(max = 200) @Schema(example = "Essaouira Technopark") String en) {
}
