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
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An introduction between a startup and a partner: proposed → accepted → met → closed (with an outcome). */
@Entity
@Table(name = "introduction")
public class Introduction extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "startup_id", nullable = false)
    public UUID startupId;

    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    @Column(name = "opportunity_id")
    public UUID opportunityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String outcome;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public enum Status {
        PROPOSED, ACCEPTED, MET, CLOSED;

        private static final Map<Status, Set<Status>> NEXT = Map.of(PROPOSED, Set.of(ACCEPTED, CLOSED),
                ACCEPTED, Set.of(MET, CLOSED), MET, Set.of(CLOSED), CLOSED, Set.of());

        public boolean canMoveTo(Status target) {
            return NEXT.get(this).contains(target);
        }
    }
}
