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

/** A partner of the network: councils, INDH, the ministry, banks, investors, corporates, universities. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    public enum Kind {
        REGIONAL_COUNCIL, PROVINCIAL_COUNCIL, COMMUNAL_COUNCIL, INDH, MINISTRY, MANAGEMENT_COMPANY, BANK, INVESTOR,
        CORPORATE, UNIVERSITY
    }
}
