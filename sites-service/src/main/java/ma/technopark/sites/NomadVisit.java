package ma.technopark.sites;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One stay of a pass holder at the site, from check-in to check-out. */
@Entity
@Table(name = "nomad_visit")
public class NomadVisit extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "pass_id", nullable = false)
    public UUID passId;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(name = "checked_in_at", nullable = false)
    public OffsetDateTime checkedInAt;

    @Column(name = "checked_out_at")
    public OffsetDateTime checkedOutAt;
}
