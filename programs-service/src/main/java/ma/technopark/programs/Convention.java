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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** An agreement between partners: operating a site, or delivering programmes, with a budget and targets. */
@Entity
@Table(name = "convention")
public class Convention extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Subject object;

    @Column(name = "site_code")
    public String siteCode;

    @Column(name = "signature_date")
    public LocalDate signatureDate;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "budget_mad")
    public BigDecimal budgetMad;

    @Column(name = "target_beneficiaries")
    public Integer targetBeneficiaries;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "convention_party", joinColumns = @JoinColumn(name = "convention_id"))
    @Column(name = "partner_id")
    public Set<UUID> partnerIds = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    /** What the convention is about. */
    public enum Subject { SITE_OPERATION, PROGRAMME_DELIVERY }
}
