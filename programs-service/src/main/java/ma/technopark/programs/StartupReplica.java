package ma.technopark.programs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A startup as this service knows it from startups-service's events. */
@Entity
@Table(name = "startup_replica")
public class StartupReplica extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String kind;

    @Column(name = "brand_name", nullable = false)
    public String brandName;

    @Column(nullable = false)
    public String sector;

    @Column(nullable = false)
    public String stage;

    @Column(nullable = false)
    public String status;

    @Column(name = "home_site_code")
    public String homeSiteCode;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
