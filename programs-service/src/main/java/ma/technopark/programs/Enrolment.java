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
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A startup in a cohort: applied → accepted → active → completed / dropped. */
@Entity
@Table(name = "enrolment")
public class Enrolment extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "cohort_id", nullable = false)
    public UUID cohortId;

    @Column(name = "startup_id", nullable = false)
    public UUID startupId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public enum Status {
        APPLIED, ACCEPTED, ACTIVE, COMPLETED, DROPPED;

        /** The states that hold a place in the cohort (and make a beneficiary). */
        public static final Set<Status> PLACED = EnumSet.of(ACCEPTED, ACTIVE, COMPLETED);

        private static final Map<Status, Set<Status>> NEXT = Map.of(
                APPLIED, EnumSet.of(ACCEPTED, DROPPED),
                ACCEPTED, EnumSet.of(ACTIVE, DROPPED),
                ACTIVE, EnumSet.of(COMPLETED, DROPPED),
                COMPLETED, EnumSet.noneOf(Status.class),
                DROPPED, EnumSet.noneOf(Status.class));

        public boolean canMoveTo(Status target) {
            return NEXT.get(this).contains(target);
        }

        public Set<Status> next() {
            return NEXT.get(this);
        }
    }
}
