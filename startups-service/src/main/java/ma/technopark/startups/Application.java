package ma.technopark.startups;

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
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An incubation application: draft → submitted → screening → committee → accepted / waitlisted / rejected, or withdrawn. */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "startup_id", nullable = false)
    public UUID startupId;

    @Column(name = "site_code", nullable = false)
    public String siteCode;

    @Column(nullable = false)
    public int seats;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(columnDefinition = "text")
    public String motivation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** After acceptance: what the site answered. */
    @Enumerated(EnumType.STRING)
    public Hosting hosting;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    public enum Status {
        DRAFT, SUBMITTED, SCREENING, COMMITTEE, ACCEPTED, WAITLISTED, REJECTED, WITHDRAWN;

        private static final Map<Status, Set<Status>> NEXT = Map.of(
                DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN),
                SUBMITTED, EnumSet.of(SCREENING, WITHDRAWN),
                SCREENING, EnumSet.of(COMMITTEE, REJECTED, WITHDRAWN),
                COMMITTEE, EnumSet.of(ACCEPTED, WAITLISTED, REJECTED, WITHDRAWN),
                WAITLISTED, EnumSet.of(ACCEPTED, REJECTED, WITHDRAWN),
                ACCEPTED, EnumSet.noneOf(Status.class),
                REJECTED, EnumSet.noneOf(Status.class),
                WITHDRAWN, EnumSet.noneOf(Status.class));

        public boolean canMoveTo(Status target) {
            return NEXT.get(this).contains(target);
        }

        public Set<Status> next() {
            return NEXT.get(this);
        }
    }

    public enum Hosting { PENDING, ALLOCATED, WAITLISTED }
}
