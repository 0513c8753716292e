package ma.technopark.sites;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A hosting request that found the site full; promoted first come, first served when capacity frees. */
@Entity
@Table(name = "waitlist_entry")
public class WaitlistEntry extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(name = "space_id")
    public UUID spaceId;

    @Column(name = "startup_id", nullable = false)
    public UUID startupId;

    @Column(nullable = false)
    public int seats;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "application_id")
    public UUID applicationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "allocation_id")
    public UUID allocationId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public enum Status {
        WAITING,
        PROMOTED,
        CANCELLED
    }
}
