package ma.technopark.programs.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ma.technopark.contracts.EventCatalog;
import ma.technopark.platform.Ids;
import ma.technopark.platform.events.CloudEvent;
import ma.technopark.platform.http.Preconditions;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Caller;
import ma.technopark.programs.service.PartnerService;

/** Partners' webhook subscriptions, and the deliveries and attempts they can see. */
@ApplicationScoped
public class Webhooks {
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Delivery(UUID id, UUID subscriptionId, String eventId, String eventType, String status, int attempts,
            OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, OffsetDateTime deliveredAt, List<Attempt> attemptLog) {
    }

    public record Attempt(int attempt, OffsetDateTime at, Integer statusCode, String error, int durationMs) {
    }

    private final EntityManager em;
    private final Caller caller;
    private final PartnerService partners;
    private final WebhookTargets targets;

    public Webhooks(EntityManager em, Caller caller, PartnerService partners, WebhookTargets targets) {
        this.em = em;
        this.caller = caller;
        this.partners = partners;
        this.targets = targets;
    }

    /** The partner a caller acts for: a partner token its own; an admin the one named. */
    private UUID partnerFor(UUID requested) {
        if (caller.admin()) {
            if (requested == null) {
                throw ApiException.invalid("partnerId", "is required when an admin subscribes for a partner");
            }
            partners.partner(requested);
            return requested;
        }
        UUID own = caller.partnerId().map(UUID::fromString)
                .orElseThrow(() -> ApiException.forbidden("This token is not a partner's"));
        if (requested != null && !requested.equals(own)) {
            throw ApiException.forbidden("A partner subscribes for itself");
        }
        return own;
    }

    @Transactional
    public WebhookSubscription subscribe(UUID partnerId, String url, List<String> eventTypes, List<String> siteCodes) {
        targets.check(url);
        Set<String> types = new LinkedHashSet<>();
        for (String t : eventTypes) {
            types.add(EventCatalog.find(t).orElseThrow(() -> ApiException.invalid("eventTypes", "has an unknown event type: " + t))
                    .fullType());
        }
        WebhookSubscription s = new WebhookSubscription();
        s.id = Ids.newId();
        s.partnerId = partnerFor(partnerId);
        s.url = url;
        s.eventTypes = types.toArray(String[]::new);
        s.siteCodes = siteCodes == null ? new String[0] : siteCodes.toArray(String[]::new);
        s.secret = newSecret();
        s.status = WebhookSubscription.Status.ACTIVE;
        s.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        s.persist();
        return s;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A subscription the caller may see: its partner's, or any for an admin; 404 otherwise. */
    public WebhookSubscription get(UUID id) {
        return get(id, LockModeType.NONE);
    }

    /**
     * The subscription, locked until the transaction ends: the dispatcher's counters (which move its version) wait,
     * so a change made here is not lost to them, nor refused for them.
     */
    private WebhookSubscription getForUpdate(UUID id) {
        return get(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private WebhookSubscription get(UUID id, LockModeType lock) {
        WebhookSubscription s = WebhookSubscription.findById(id, lock);
        if (s == null || !(caller.admin() || caller.partnerId().map(s.partnerId.toString()::equals).orElse(false))) {
            throw ApiException.notFound("webhook subscription", id);
        }
        return s;
    }

    public List<WebhookSubscription> list() {
        if (caller.admin()) {
            return WebhookSubscription.list("ORDER BY id");
        }
        UUID own = partnerFor(null);
        return WebhookSubscription.list("partnerId = ?1 ORDER BY id", own);
    }

    @Transactional
    public String rotateSecret(UUID id) {
        WebhookSubscription s = getForUpdate(id);
        s.secret = newSecret();
        return s.secret;
    }

    /** Re-enables a subscription that failed too often; its pending deliveries go out again now. */
    @Transactional
    public WebhookSubscription enable(UUID id) {
        WebhookSubscription s = getForUpdate(id);
        s.status = WebhookSubscription.Status.ACTIVE;
        s.consecutiveFailures = 0;
        s.disabledAt = null;
        em.createNativeQuery("UPDATE webhook_delivery SET next_attempt_at = now() WHERE subscription_id = ?1 AND status = 'PENDING'")
                .setParameter(1, s.id).executeUpdate();
        return s;
    }

    @Transactional
    public void delete(UUID id, long expectedVersion) {
        WebhookSubscription s = getForUpdate(id);
        Preconditions.check(expectedVersion, s.version);
        // its deliveries and their attempts go with it (ON DELETE CASCADE, V8), whatever the dispatcher is doing
        s.delete();
    }

    /** Delivers one event again, whatever became of it (a new delivery cycle with the same event id). */
    @Transactional
    public Delivery redeliver(UUID subscriptionId, UUID deliveryId) {
        WebhookSubscription s = get(subscriptionId);
        int updated = em.createNativeQuery("""
                UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now(), delivered_at = NULL, created_at = now()
                WHERE id = ?1 AND subscription_id = ?2""").setParameter(1, deliveryId).setParameter(2, s.id).executeUpdate();
        if (updated == 0) {
            throw ApiException.notFound("webhook delivery", deliveryId);
        }
        return deliveries(subscriptionId, deliveryId).get(0);
    }

    /** The subscription's deliveries, newest first (at most 100), each with its attempts; or one of them. */
    @SuppressWarnings("unchecked")
    public List<Delivery> deliveries(UUID subscriptionId, UUID only) {
        WebhookSubscription s = get(subscriptionId);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, event_id, event_type, status, attempts, next_attempt_at, created_at, delivered_at
                FROM webhook_delivery WHERE subscription_id = ?1 AND (CAST(?2 AS uuid) IS NULL OR id = CAST(?2 AS uuid))
                ORDER BY created_at DESC, id DESC LIMIT 100""").setParameter(1, s.id).setParameter(2, only == null ? null : only.toString())
                .getResultList();
        List<Delivery> result = new ArrayList<>();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            List<Object[]> attempts = em.createNativeQuery("""
                    SELECT attempt, at, status_code, error, duration_ms FROM webhook_attempt WHERE delivery_id = ?1 ORDER BY attempt""")
                    .setParameter(1, id).getResultList();
            result.add(new Delivery(id, s.id, (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                    time(r[5]), time(r[6]), time(r[7]), attempts.stream().map(a -> new Attempt(((Number) a[0]).intValue(),
                            time(a[1]), a[2] == null ? null : ((Number) a[2]).intValue(), (String) a[3], ((Number) a[4]).intValue()))
                            .toList()));
        }
        if (only != null && result.isEmpty()) {
            throw ApiException.notFound("webhook delivery", only);
        }
        return result;
    }

    static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    /**
     * Queues a delivery of each event to every subscription it matches (a disabled one's wait until it is enabled):
     * its type, and when the subscription names sites, one of the event's (siteCode, homeSiteCode, a site's code, or
     * siteCodes). A poll's events are matched in one statement, one round trip however many they are; an event
     * already queued for a subscription is not queued again. Returns how many deliveries were queued.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int enqueue(List<CloudEvent> events, List<String> envelopes) {
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        String[] sites = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).id();
            types[i] = events.get(i).type();
            sites[i] = sites(types[i], events.get(i).data()).toString();
        }
        return em.createNativeQuery("""
                INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
                SELECT gen_random_uuid(), s.id, e.id, e.type, e.payload, 'PENDING', 0, now(), now()
                FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]))
                     WITH ORDINALITY AS e(id, type, payload, sites, n)
                JOIN webhook_subscription s ON e.type = ANY (s.event_types) AND (cardinality(s.site_codes) = 0
                     OR s.site_codes && ARRAY(SELECT jsonb_array_elements_text(CAST(e.sites AS jsonb))))
                ORDER BY e.n, s.id
                ON CONFLICT (subscription_id, event_id) DO NOTHING""")
                .setParameter(1, ids).setParameter(2, types).setParameter(3, envelopes.toArray(String[]::new))
                .setParameter(4, sites).executeUpdate();
    }

    /** The sites an event is about, as a JSON array of their codes. */
    private static ArrayNode sites(String type, JsonNode data) {
        ArrayNode sites = JsonNodeFactory.instance.arrayNode();
        if (data != null) {
            for (String field : type.startsWith("ma.technopark.sites.site.") ? List.of("code") : List.of("siteCode", "homeSiteCode")) {
                if (data.hasNonNull(field) && data.get(field).isTextual() && !data.get(field).asText().isEmpty()) {
                    sites.add(data.get(field).asText());
                }
            }
            data.path("siteCodes").forEach(c -> sites.add(c.asText()));
        }
        return sites;
    }
}
