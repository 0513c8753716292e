package ma.technopark.sites.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import ma.technopark.sites.NomadPass;
import ma.technopark.sites.NomadVisit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NomadVisit")
public record NomadVisitView(UUID id, UUID passId, UUID siteId, String holderName, OffsetDateTime checkedInAt,
        OffsetDateTime checkedOutAt) {

    public static NomadVisitView of(NomadVisit v, NomadPass p) {
        return new NomadVisitView(v.id, v.passId, v.siteId, p.holderName, v.checkedInAt, v.checkedOutAt);
    }
}
