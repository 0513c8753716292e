package ma.technopark.programs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** An accompaniment programme: a stage of a startup's life or a thematic track; draft → published → closed. */
@Entity
@Table(name = "programme")
public class Programme extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(name = "name_fr", nullable = false)
    public String nameFr;

    @Column(name = "name_ar")
    public String nameAr;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "description_fr")
    public String descriptionFr;

    @Column(name = "description_ar")
    public String descriptionAr;

    @Column(name = "description_en")
    public String descriptionEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "duration_months", nullable = false)
    public int durationMonths;

    /** Startup stages (startups-service's Stage names) the programme takes. */
    @Column(name = "eligible_stages", nullable = false)
    public String[] eligibleStages;

    @Column(name = "site_codes", nullable = false)
    public String[] siteCodes;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "programme_funding", joinColumns = @JoinColumn(name = "programme_id"))
    @Column(name = "convention_id")
    public Set<UUID> conventionIds = new HashSet<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public enum Kind {
        PRE_INCUBATION, INCUBATION, DEVELOPMENT, ACCELERATION, TRAINING, MARKET_ACCESS, FUNDING_READINESS,
        DIGITAL_NOMAD_COMMUNITY
    }

    public enum Status { DRAFT, PUBLISHED, CLOSED }
}
