package ma.technopark.sites;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A Technopark or partner site of the network. */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {
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

    @Column(nullable = false)
    public String city;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Region region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SiteKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SiteStatus status;

    @Column(name = "inauguration_date")
    public LocalDate inaugurationDate;

    @Column(name = "investment_mad", precision = 18, scale = 2)
    public BigDecimal investmentMad;

    @Column(name = "hosting_capacity")
    public Integer hostingCapacity;

    public String address;

    public Double latitude;

    public Double longitude;

    @Column(name = "digital_nomad_offer", nullable = false)
    public boolean digitalNomadOffer;

    /** Daily digital-nomad capacity (seats); passes are refused beyond it. */
    @Column(name = "nomad_seats")
    public Integer nomadSeats;

    /** When a planned site is expected to open, as the sources give it (e.g. "2024-2025"). */
    @Column(name = "expected_opening")
    public String expectedOpening;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
