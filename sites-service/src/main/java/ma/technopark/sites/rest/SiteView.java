package ma.technopark.sites.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import ma.technopark.platform.types.LocalizedText;
import ma.technopark.platform.types.Money;
import ma.technopark.sites.Region;
import ma.technopark.sites.Site;
import ma.technopark.sites.SiteKind;
import ma.technopark.sites.SiteStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Site")
public record SiteView(
        UUID id,
        String code,
        LocalizedText name,
        String city,
        Region region,
        SiteKind kind,
        SiteStatus status,
        LocalDate inaugurationDate,
        Money investment,
        Integer hostingCapacity,
        String address,
        SiteRequest.Coordinates coordinates,
        boolean digitalNomadOffer,
        Integer nomadSeats,
        String expectedOpening,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {

    public static SiteView of(Site s) {
        return new SiteView(s.id, s.code, new LocalizedText(s.nameFr, s.nameAr, s.nameEn), s.city, s.region, s.kind,
                s.status, s.inaugurationDate, Money.mad(s.investmentMad), s.hostingCapacity, s.address,
                s.latitude == null ? null : new SiteRequest.Coordinates(s.latitude, s.longitude), s.digitalNomadOffer,
                s.nomadSeats, s.expectedOpening, s.createdAt, s.updatedAt, s.version);
    }
}
