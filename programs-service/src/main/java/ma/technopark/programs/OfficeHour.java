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

/** A mentor's slot: open → reserved → held / cancelled / no-show. */
@Entity
@Table(name = "office_hour")
public class OfficeHour extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "mentor_id", nullable = false)
    public UUID mentorId;

    @Column(name = "starts_at", nullable = false)
    public OffsetDateTime startsAt;

    @Column(name = "ends_at", nullable = false)
    public OffsetDateTime endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "startup_id")
    public UUID startupId;

    @Version
    public long version;

    public enum Status { OPEN, RESERVED, HELD, CANCELLED, NO_SHOW }
}
