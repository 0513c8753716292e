package ma.technopark.sites;

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

/** A digital nomad's pass on a site's nomad seats, valid for the days [validFrom, validUntil). */
@Entity
@Table(name = "nomad_pass")
public class NomadPass extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(name = "holder_name", nullable = false)
    public String holderName;

    @Column(name = "holder_email", nullable = false)
    public String holderEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_until", nullable = false)
    public LocalDate validUntil;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    public enum Kind {
        DAY,
        WEEK,
        MONTH;

        public LocalDate until(LocalDate from) {
            return switch (this) {
                case DAY -> from.plusDays(1);
                case WEEK -> from.plusWeeks(1);
                case MONTH -> from.plusMonths(1);
            };
        }
    }

    public enum Status {
        ACTIVE,
        CANCELLED
    }
}
