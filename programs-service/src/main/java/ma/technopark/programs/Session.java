package ma.technopark.programs;

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

/** A session or workshop of a cohort, held in a training room booked in sites-service. */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "cohort_id", nullable = false)
    public UUID cohortId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String kind;

    @Column(name = "space_id", nullable = false)
    public UUID spaceId;

    @Column(name = "booking_id", nullable = false)
    public UUID bookingId;

    @Column(name = "starts_at", nullable = false)
    public OffsetDateTime startsAt;

    @Column(name = "ends_at", nullable = false)
    public OffsetDateTime endsAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.SCHEDULED;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    /** Who cancelled it: the subject of the caller's token, or {@code sites-service} when the booking was cancelled there. */
    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Version
    public long version;

    public enum Status { SCHEDULED, CANCELLED }
}
