package ma.technopark.sites;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A space within a site: bookable by the hour (rooms) and/or allocatable long-term (seats, offices). */
@Entity
@Table(name = "space")
public class Space extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SpaceType type;

    @Column(nullable = false)
    public int seats;

    @Column(name = "area_m2", precision = 10, scale = 2)
    public BigDecimal areaM2;

    @Column(nullable = false)
    public boolean bookable;

    @Column(nullable = false)
    public boolean allocatable;

    @Column(nullable = false)
    public String[] amenities;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
