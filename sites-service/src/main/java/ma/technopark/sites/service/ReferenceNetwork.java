package ma.technopark.sites.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import ma.technopark.platform.types.LocalizedText;
import ma.technopark.platform.types.Money;
import ma.technopark.sites.Region;
import ma.technopark.sites.SiteKind;
import ma.technopark.sites.SiteStatus;
import ma.technopark.sites.repository.SiteRepository;
import ma.technopark.sites.rest.SiteRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The network's reference sites, loaded on first start through the service (so their events reach the other
 * services). Only facts the sources give: Essaouira's inauguration date, investment (about 20 MDH) and
 * capacity of 70 startups, the partner site, and the planned sites' expected opening (2024-2025). Anything
 * the sources do not give stays empty.
 */
@ApplicationScoped
public class ReferenceNetwork {
    private static final Logger LOG = Logger.getLogger(ReferenceNetwork.class);
    /** Advisory lock key: with two replicas starting at once, one loads. */
    private static final long LOCK = 0x5175_7e5L;

    record ReferenceSite(SiteRequest request, SiteStatus status) {
    }

    static final List<ReferenceSite> SITES = List.of(
            site("CAS", "Technopark de Casablanca", "تكنوبارك الدار البيضاء", "Casablanca Technopark", "Casablanca",
                    Region.CASABLANCA_SETTAT, SiteKind.TECHNOPARK, SiteStatus.OPERATIONAL, null, null, null, false, null),
            site("RBA", "Technopark de Rabat", "تكنوبارك الرباط", "Rabat Technopark", "Rabat",
                    Region.RABAT_SALE_KENITRA, SiteKind.TECHNOPARK, SiteStatus.OPERATIONAL, null, null, null, false, null),
            site("TNG", "Technopark de Tanger", "تكنوبارك طنجة", "Tangier Technopark", "Tanger",
                    Region.TANGER_TETOUAN_AL_HOCEIMA, SiteKind.TECHNOPARK, SiteStatus.OPERATIONAL, null, null, null, false, null),
            site("AGA", "Technopark d'Agadir", "تكنوبارك أكادير", "Agadir Technopark", "Agadir",
                    Region.SOUSS_MASSA, SiteKind.TECHNOPARK, SiteStatus.OPERATIONAL, null, null, null, false, null),
            site("ESS", "Technopark d'Essaouira", "تكنوبارك الصويرة", "Essaouira Technopark", "Essaouira",
                    Region.MARRAKECH_SAFI, SiteKind.TECHNOPARK, SiteStatus.OPERATIONAL, LocalDate.of(2023, 11, 24),
                    new BigDecimal("20000000.00"), 70, true, null),
            site("CISM", "Cité de l'Innovation Souss-Massa", "مدينة الابتكار سوس ماسة", "Souss-Massa Innovation City", "Agadir",
                    Region.SOUSS_MASSA, SiteKind.PARTNER_SITE, SiteStatus.OPERATIONAL, null, null, null, false, null),
            site("FES", "Technopark de Fès", "تكنوبارك فاس", "Fez Technopark", "Fès",
                    Region.FES_MEKNES, SiteKind.TECHNOPARK, SiteStatus.PLANNED, null, null, null, false, "2024-2025"),
            site("OUD", "Technopark d'Oujda", "تكنوبارك وجدة", "Oujda Technopark", "Oujda",
                    Region.ORIENTAL, SiteKind.TECHNOPARK, SiteStatus.PLANNED, null, null, null, false, "2024-2025"),
            site("TIZ", "Technopark de Tiznit", "تكنوبارك تيزنيت", "Tiznit Technopark", "Tiznit",
                    Region.SOUSS_MASSA, SiteKind.TECHNOPARK, SiteStatus.PLANNED, null, null, null, false, "2024-2025"));

    private final SiteService sites;
    private final SiteRepository repository;
    private final EntityManager em;
    private final boolean enabled;

    public ReferenceNetwork(SiteService sites, SiteRepository repository, EntityManager em,
            @ConfigProperty(name = "technopark.sites.reference-data", defaultValue = "true") boolean enabled) {
        this.sites = sites;
        this.repository = repository;
        this.em = em;
        this.enabled = enabled;
    }

    void load(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        int loaded = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
            Set<String> taken = repository.takenCodes(SITES.stream().map(site -> site.request().code()).toList());
            int count = 0;
            for (ReferenceSite site : SITES) {
                if (!taken.contains(site.request().code())) {
                    sites.register(site.request(), site.status());
                    count++;
                }
            }
            return count;
        });
        if (loaded > 0) {
            LOG.infof("loaded %d reference sites", loaded);
        }
    }

    private static ReferenceSite site(String code, String fr, String ar, String en, String city, Region region,
            SiteKind kind, SiteStatus status, LocalDate inauguration, BigDecimal investment, Integer capacity,
            boolean nomads, String expectedOpening) {
        return new ReferenceSite(new SiteRequest(code, new LocalizedText(fr, ar, en), city, region, kind, inauguration,
                Money.mad(investment), capacity, null, null, nomads, null, expectedOpening), status);
    }
}
