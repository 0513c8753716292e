package ma.technopark.sites.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import ma.technopark.sites.Space;
import ma.technopark.sites.SpaceType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Space")
public record SpaceView(UUID id, UUID siteId, String name, SpaceType type, int seats, BigDecimal areaM2, boolean bookable,
        boolean allocatable, List<String> amenities, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

    public static SpaceView of(Space s) {
        return new SpaceView(s.id, s.siteId, s.name, s.type, s.seats, s.areaM2, s.bookable, s.allocatable,
                List.of(s.amenities), s.createdAt, s.updatedAt, s.version);
    }
}
