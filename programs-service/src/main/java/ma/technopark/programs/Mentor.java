package ma.technopark.programs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A mentor: expertise, languages and the sites where they hold office hours. */
@Entity
@Table(name = "mentor")
public class Mentor extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String[] expertise;

    @Column(nullable = false)
    public String[] languages;

    @Column(name = "site_codes", nullable = false)
    public String[] siteCodes;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;
}
