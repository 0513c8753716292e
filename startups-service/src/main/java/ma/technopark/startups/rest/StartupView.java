package ma.technopark.startups.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import ma.technopark.startups.Startup;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Startup")
public record StartupView(UUID id, Startup.Kind kind, String legalName, String brandName, String ice, String rcNumber,
        Startup.LegalForm legalForm, Startup.Sector sector, Startup.Stage stage, Startup.Status status, LocalDate foundingDate,
        List<StartupRequest.Founder> founders, String homeSiteCode, StartupRequest.Description description, String website,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

    public static StartupView of(Startup s, List<StartupRequest.Founder> founders) {
        return new StartupView(s.id, s.kind, s.legalName, s.brandName, s.ice, s.rcNumber, s.legalForm, s.sector, s.stage,
                s.status, s.foundingDate, founders, s.homeSiteCode,
                s.descriptionFr == null ? null : new StartupRequest.Description(s.descriptionFr, s.descriptionAr, s.descriptionEn),
                s.website, s.createdAt, s.updatedAt, s.version);
    }
}
