package ma.technopark.startups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A programme the startup completed, as programs-service published it. */
@Entity
@Table(name = "programme_completion")
public class ProgrammeCompletion extends PanacheEntityBase {
    @Id
    @Column(name = "enrolment_id")
    public UUID enrolmentId;

    @Column(name = "startup_id", nullable = false)
    public UUID startupId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(name = "programme_code", nullable = false)
    public String programmeCode;

    @Column(name = "programme_name", nullable = false)
    public String programmeName;

    @Column(name = "cohort_id", nullable = false)
    public UUID cohortId;

    @Column(name = "site_code")
    public String siteCode;

    @Column(name = "completed_at", nullable = false)
    public OffsetDateTime completedAt;
}
