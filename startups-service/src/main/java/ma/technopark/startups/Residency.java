package ma.technopark.startups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A startup hosted at a site: admitted → resident → graduated / exited. */
@Entity
@Table(name = "residency")
public class Residency extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "application_id", nullable = false)
    public UUID applicationId;

    @Column(name = "startup_id", nullable = false)
    public UUID startupId;

    @Column(name = "site_code", nullable = false)
    public String siteCode;

    @Column(name = "allocation_id")
    public UUID allocationId;

    @Column(nullable = false)
    public int seats;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "admitted_at", nullable = false)
    public OffsetDateTime admittedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Version
    public long version;

    public enum Status { ADMITTED, RESIDENT, GRADUATED, EXITED }
}
