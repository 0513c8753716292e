package ma.technopark.sites.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import ma.technopark.sites.NomadPass;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NomadPass")
public record NomadPassView(UUID id, UUID siteId, String holderName, String holderEmail, NomadPass.Kind kind,
        LocalDate validFrom, @Schema(description = "Exclusive") LocalDate validUntil, NomadPass.Status status,
        OffsetDateTime createdAt, long version) {

    public static NomadPassView of(NomadPass p) {
        return new NomadPassView(p.id, p.siteId, p.holderName, p.holderEmail, p.kind, p.validFrom, p.validUntil, p.status,
                p.createdAt, p.version);
    }
}
