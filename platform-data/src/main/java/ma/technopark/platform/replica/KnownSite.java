package ma.technopark.platform.replica;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A site as a consuming service knows it from sites-service's events (its own table {@code known_site}). */
@Entity
@Table(name = "known_site")
public class KnownSite extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(name = "name_fr", nullable = false)
    public String nameFr;

    @Column(nullable = false)
    public String city;

    @Column(nullable = false)
    public String region;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String status;

    @Column(name = "hosting_capacity")
    public Integer hostingCapacity;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
