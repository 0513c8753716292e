package ma.technopark.programs;

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

/** A funding or market opportunity: a grant, an investor, a call for tenders, a corporate challenge. */
@Entity
@Table(name = "opportunity")
public class Opportunity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "partner_id")
    public UUID partnerId;

    public LocalDate deadline;

    @Column(name = "eligible_stages", nullable = false)
    public String[] eligibleStages;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    public enum Kind { GRANT, INVESTOR, CALL_FOR_TENDERS, CORPORATE_CHALLENGE }
}
