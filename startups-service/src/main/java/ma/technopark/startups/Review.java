package ma.technopark.startups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A reviewer's scores (1 to 5) of an application; one per reviewer and application. */
@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "application_id", nullable = false)
    public UUID applicationId;

    @Column(nullable = false)
    public String reviewer;

    public int innovation;
    public int team;
    public int market;
    public int impact;

    @Column(columnDefinition = "text")
    public String comment;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
