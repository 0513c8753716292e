package ma.technopark.sites;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Seats of a space held by a startup for the days [startDate, endDate); no end date means open-ended. */
@Entity
@Table(name = "allocation")
public class Allocation extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(name = "space_id", nullable = false)
    public UUID spaceId;

    @Column(name = "startup_id", nullable = false)
    public UUID startupId;

    @Column(nullable = false)
    public int seats;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "released_at")
    public OffsetDateTime releasedAt;

    @Version
    public long version;

    public enum Status {
        ACTIVE,
        RELEASED
    }
}
