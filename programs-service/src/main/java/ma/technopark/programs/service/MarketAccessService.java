package ma.technopark.programs.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.DomainEvents;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.query.PageQuery;
import ma.technopark.programs.Introduction;
import ma.technopark.programs.Opportunity;
import ma.technopark.programs.Partner;
import ma.technopark.programs.StartupReplica;
import ma.technopark.programs.rest.MarketAccessResource;
import ma.technopark.programs.rest.ProgrammeRecords;

/** Opportunities and introductions; a closed introduction's outcome is published. */
@ApplicationScoped
public class MarketAccessService {
    private static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

    private final DomainEvents events;

    public MarketAccessService(DomainEvents events) {
        this.events = events;
    }

    /** Opportunities whose deadline has not passed, soonest first; each filter, when given, narrows them. */
    public List<Opportunity> openOpportunities(Opportunity.Kind kind, ProgrammeRecords.Stage stage, UUID partnerId) {
        return new PageQuery().where("deadline is null or deadline >= :today", "today", today()).where("kind", kind)
                .where("array_position(eligibleStages, :stage) > 0", "stage", stage == null ? null : stage.name())
                .where("partnerId", partnerId)
                .list((query, sort, params) -> Opportunity.list(query, sort, params),
                        Sort.by("deadline", Sort.NullPrecedence.NULLS_LAST).and("id"));
    }

    /** Any opportunity, its deadline passed or not: a link to it keeps working. */
    public Opportunity opportunity(UUID id) {
        Opportunity o = Opportunity.findById(id);
        if (o == null) {
            throw ApiException.notFound("opportunity", id);
        }
        return o;
    }

    @Transactional
    public Opportunity create(MarketAccessResource.OpportunityRequest r) {
        Opportunity o = new Opportunity();
        o.id = Ids.newId();
        apply(o, r);
        o.createdAt = ProgrammeService.now();
        o.persist();
        return o;
    }

    /** Replaces an opportunity's details; a deadline moved to today or later lists it again. */
    @Transactional
    public Opportunity update(UUID id, long expectedVersion, MarketAccessResource.OpportunityRequest r) {
        Opportunity o = opportunity(id);
        Preconditions.check(expectedVersion, o.version);
        apply(o, r);
        o.flush();
        return o;
    }

    private void apply(Opportunity o, MarketAccessResource.OpportunityRequest r) {
        if (r.partnerId() != null && Partner.findById(r.partnerId()) == null) {
            throw ApiException.invalid("partnerId", "is not a known partner");
        }
        if (r.deadline() != null && r.deadline().isBefore(today())) {
            throw ApiException.invalid("deadline", "is in the past"); // it would be closed, and listed nowhere
        }
        o.kind = r.kind();
        o.title = r.title();
        o.description = r.description();
        o.partnerId = r.partnerId();
        o.deadline = r.deadline();
        o.eligibleStages = r.eligibleStages().stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    /** A page of introductions, oldest first (ids are time-ordered), by startup, partner and status when given. */
    public ma.technopark.platform.paging.Page<Introduction> introductions(UUID startupId, UUID partnerId, Introduction.Status status,
            ma.technopark.platform.paging.PageRequest page) {
        return new PageQuery().where("startupId", startupId).where("partnerId", partnerId)
                .where("status", status).page((query, sort, params) -> Introduction.find(query, sort, params), page, i -> i.id);
    }

    public Introduction introduction(UUID id) {
        Introduction i = Introduction.findById(id);
        if (i == null) {
            throw ApiException.notFound("introduction", id);
        }
        return i;
    }

    @Transactional
    public Introduction propose(MarketAccessResource.IntroductionRequest r) {
        if (StartupReplica.findById(r.startupId()) == null) {
            throw ApiException.invalid("startupId", "is not a startup this service knows");
        }
        if (Partner.findById(r.partnerId()) == null) {
            throw ApiException.invalid("partnerId", "is not a known partner");
        }
        if (r.opportunityId() != null && Opportunity.findById(r.opportunityId()) == null) {
            throw ApiException.invalid("opportunityId", "is not a known opportunity");
        }
        Introduction i = new Introduction();
        i.id = Ids.newId();
        i.startupId = r.startupId();
        i.partnerId = r.partnerId();
        i.opportunityId = r.opportunityId();
        i.status = Introduction.Status.PROPOSED;
        i.createdAt = ProgrammeService.now();
        i.updatedAt = i.createdAt;
        i.persist();
        return i;
    }

    @Transactional
    public Introduction progress(UUID id, Introduction.Status target, String outcome) {
        Introduction i = introduction(id);
        if (!i.status.canMoveTo(target)) {
            throw ApiException.conflict("illegal-transition", "An introduction cannot go from " + i.status + " to " + target);
        }
        if (target == Introduction.Status.CLOSED && (outcome == null || outcome.isBlank())) {
            throw ApiException.invalid("outcome", "is required to close an introduction");
        }
        i.status = target;
        i.outcome = outcome;
        i.updatedAt = ProgrammeService.now();
        i.flush();
        if (target == Introduction.Status.CLOSED) {
            events.record("programs.introduction.closed", i.id, Map.of("introductionId", i.id, "startupId", i.startupId,
                    "partnerId", i.partnerId, "opportunityId", i.opportunityId == null ? "" : i.opportunityId.toString(),
                    "outcome", i.outcome));
        }
        return i;
    }

    /** The day it is in Morocco: a deadline is a Moroccan date, whatever the server's time zone. */
    private static LocalDate today() {
        return LocalDate.now(MOROCCO);
    }
}
