package ma.technopark.startups.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import ma.technopark.contracts.StartupChanged;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.persistence.UniqueViolation;
import ma.technopark.platform.query.PageQuery;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.problem.Problem;
import ma.technopark.platform.replica.SiteReplica;
import ma.technopark.startups.Startup;
import ma.technopark.startups.rest.StartupRequest;

/** Beneficiaries: registration, profile updates, filtered and searched lists; changes are published. */
@ApplicationScoped
public class StartupService {
    private static final TypeReference<List<StartupRequest.Founder>> FOUNDERS = new TypeReference<>() {
    };

    private final DomainEvents events;
    private final ObjectMapper json;
    private final Scope scope;
    private final SiteReplica sites;

    public StartupService(DomainEvents events, ObjectMapper json, Scope scope, SiteReplica sites) {
        this.events = events;
        this.json = json;
        this.scope = scope;
        this.sites = sites;
    }

    /** {@code ice text UNIQUE} in V2's {@code startup} table. */
    private static final String ICE_CONSTRAINT = "startup_ice_key";

    public Startup get(UUID id) {
        Startup startup = Startup.findById(id);
        if (startup == null) {
            throw ApiException.notFound("startup", id);
        }
        scope.requireVisible(startup.id, "startup", id);
        return startup;
    }

    public List<StartupRequest.Founder> founders(Startup s) {
        try {
            return json.readValue(s.founders, FOUNDERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Page<Startup> list(Startup.Sector sector, Startup.Stage stage, String site, Startup.Status status,
            Startup.Kind kind, String q, PageRequest page) {
        return new PageQuery().where("id = :own", "own", scope.ownStartup()).where("sector", sector).where("stage", stage)
                .where("homeSiteCode = :site", "site", site).where("status", status).where("kind", kind)
                .where("cast(function('search_text', concat(brandName, ' ', coalesce(legalName, ''))) as String)"
                        + " like concat('%', cast(function('search_text', :q) as String), '%')", "q",
                        q == null || q.isBlank() ? null : q.trim())
                .page((query, sort, params) -> Startup.find(query, sort, params), page, s -> s.id);
    }

    @Transactional
    public Startup register(StartupRequest r) {
        validate(r);
        Startup s = new Startup();
        s.id = Ids.newId();
        s.status = Startup.Status.REGISTERED;
        s.createdAt = now();
        apply(s, r);
        s.persist();
        flush(r);
        events.record(StartupChanged.REGISTERED, s.id, snapshot(s));
        return s;
    }

    @Transactional
    public Startup update(UUID id, long expectedVersion, StartupRequest r) {
        Startup s = get(id);
        Preconditions.check(expectedVersion, s.version);
        validate(r);
        apply(s, r);
        flush(r);
        events.record(StartupChanged.UPDATED, s.id, snapshot(s));
        return s;
    }

    /** A status change from the residency life cycle, published like any other change. */
    void changeStatus(Startup s, Startup.Status status) {
        s.status = status;
        s.updatedAt = now();
        s.flush();
        events.record(StartupChanged.UPDATED, s.id, snapshot(s));
    }

    /**
     * Writes the startup now. An ICE is one startup's: the database's unique constraint decides, for two
     * registrations at once as for one, and a taken ICE is the same 409 either way (no query before the write).
     */
    private static void flush(StartupRequest r) {
        UniqueViolation.flush(() -> new ApiException(409, "ice-taken", "Conflict",
                "Another startup has ICE " + r.ice(), List.of(new Problem.FieldError("ice", "is already registered"))),
                ICE_CONSTRAINT);
    }

    private void validate(StartupRequest r) {
        if (r.kind() == Startup.Kind.INCORPORATED_STARTUP) {
            if (r.ice() == null) {
                throw ApiException.invalid("ice", "is required for an incorporated startup");
            }
            if (r.legalName() == null || r.legalName().isBlank()) {
                throw ApiException.invalid("legalName", "is required for an incorporated startup");
            }
            if (r.legalForm() == null) {
                throw ApiException.invalid("legalForm", "is required for an incorporated startup");
            }
        } else if (r.ice() != null || r.rcNumber() != null) {
            throw ApiException.invalid("ice", "only an incorporated startup has an ICE and an RC number");
        }
        if (r.homeSiteCode() != null && !sites.known(r.homeSiteCode())) {
            throw ApiException.invalid("homeSiteCode", "is not a site of the network");
        }
    }

    private void apply(Startup s, StartupRequest r) {
        s.kind = r.kind();
        s.legalName = r.legalName();
        s.brandName = r.brandName();
        s.ice = r.ice();
        s.rcNumber = r.rcNumber();
        s.legalForm = r.legalForm();
        s.sector = r.sector();
        s.stage = r.stage();
        s.foundingDate = r.foundingDate();
        try {
            s.founders = json.writeValueAsString(r.founders());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        s.homeSiteCode = r.homeSiteCode();
        s.descriptionFr = r.description() == null ? null : r.description().fr();
        s.descriptionAr = r.description() == null ? null : r.description().ar();
        s.descriptionEn = r.description() == null ? null : r.description().en();
        s.website = r.website();
        s.updatedAt = now();
    }

    static StartupChanged snapshot(Startup s) {
        return new StartupChanged(s.id, s.kind.name(), s.brandName, s.sector.name(), s.stage.name(), s.status.name(),
                s.homeSiteCode, s.version);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
