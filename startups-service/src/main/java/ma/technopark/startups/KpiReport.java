package ma.technopark.startups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A startup's figures for one quarter. */
@Entity
@Table(name = "kpi_report")
public class KpiReport extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "startup_id", nullable = false)
    public UUID startupId;

    public int year;
    public int quarter;

    @Column(name = "revenue_mad", nullable = false)
    public BigDecimal revenueMad;

    public int employees;

    @Column(name = "funds_raised_mad", nullable = false)
    public BigDecimal fundsRaisedMad;

    public int customers;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
