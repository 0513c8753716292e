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
import java.util.UUID;

/** A beneficiary: an incorporated startup, a project holder (not yet incorporated) or a digital nomad. */
@Entity
@Table(name = "startup")
public class Startup extends PanacheEntityBase {
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "legal_name")
    public String legalName;

    @Column(name = "brand_name", nullable = false)
    public String brandName;

    public String ice;

    @Column(name = "rc_number")
    public String rcNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_form")
    public LegalForm legalForm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Sector sector;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stage stage;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "founding_date")
    public LocalDate foundingDate;

    /** JSON array of {name, email, role}. */
    @Column(nullable = false, columnDefinition = "text")
    public String founders;

    @Column(name = "home_site_code")
    public String homeSiteCode;

    @Column(name = "description_fr")
    public String descriptionFr;

    @Column(name = "description_ar")
    public String descriptionAr;

    @Column(name = "description_en")
    public String descriptionEn;

    public String website;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public enum Kind { INCORPORATED_STARTUP, PROJECT_HOLDER, DIGITAL_NOMAD }

    public enum LegalForm { SARL, SARL_AU, SA, SAS, SNC, AUTO_ENTREPRENEUR, COOPERATIVE }

    /** The documented sector list. */
    public enum Sector {
        SOFTWARE, FINTECH, EDTECH, HEALTHTECH, AGRITECH, CLEANTECH, TOURISM_TECH, ECOMMERCE, MEDIA, INDUSTRY_4_0,
        LOGISTICS, GOVTECH, CREATIVE_INDUSTRIES, OTHER
    }

    public enum Stage { IDEA, PROTOTYPE_MVP, EARLY_REVENUE, GROWTH, SCALE }

    /** REGISTERED until admitted; RESIDENT while a residency runs; ALUMNI after graduating; INACTIVE otherwise. */
    public enum Status { REGISTERED, RESIDENT, ALUMNI, INACTIVE }
}
