package ma.technopark.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import ma.technopark.gateway.backend.Backend;
import ma.technopark.gateway.backend.Backends;
import ma.technopark.platform.types.Money;

/**
 * Draws the dashboard from the services' own public figures, all four calls in parallel. A part whose service does
 * not answer (or answers something else than 200) is left out and named: the other parts still come back.
 */
@ApplicationScoped
public class DashboardService {
    private final Backends backends;

    public DashboardService(Backends backends) {
        this.backends = backends;
    }

    public CompletionStage<NetworkDashboard> dashboard(Map<String, String> headers) {
        List<NetworkDashboard.MissingPart> missing = new ArrayList<>();
        CompletableFuture<NetworkDashboard.Sites> sites = part("sites", "sites", "/api/v1/network/coverage", headers, missing,
                DashboardService::sites);
        CompletableFuture<NetworkDashboard.Occupancy> occupancy = part("occupancy", "sites", "/api/v1/network/occupancy",
                headers, missing, DashboardService::occupancy);
        CompletableFuture<NetworkDashboard.Startups> startups = part("startups", "startups", "/api/v1/startup-figures",
                headers, missing, DashboardService::startups);
        CompletableFuture<NetworkDashboard.Beneficiaries> beneficiaries = part("beneficiaries", "programs",
                "/api/v1/beneficiary-figures", headers, missing, DashboardService::beneficiaries);
        return CompletableFuture.allOf(sites, occupancy, startups, beneficiaries).thenApply(done -> {
            List<NetworkDashboard.MissingPart> parts;
            synchronized (missing) {
                parts = missing.stream().sorted(java.util.Comparator.comparing(NetworkDashboard.MissingPart::part)).toList();
            }
            return new NetworkDashboard(OffsetDateTime.now(), parts.isEmpty(), parts, sites.join(), occupancy.join(),
                    startups.join(), beneficiaries.join());
        });
    }

    private <T> CompletableFuture<T> part(String part, String backendName, String path, Map<String, String> headers,
            List<NetworkDashboard.MissingPart> missing, Function<JsonNode, T> read) {
        Backend backend = backends.get(backendName);
        if (backend == null) {
            synchronized (missing) {
                missing.add(new NetworkDashboard.MissingPart(part, backendName + "-service", "No such backend is configured"));
            }
            return CompletableFuture.completedFuture(null);
        }
        return backends.getJson(backend, path, headers).toCompletableFuture().handle((reply, failure) -> {
            String detail = failure != null ? backend.serviceName() + " did not answer"
                    : reply.status() != 200 || reply.body() == null ? backend.serviceName() + " answered " + reply.status() : null;
            T value = null;
            if (detail == null) {
                try {
                    value = read.apply(reply.body());
                } catch (RuntimeException e) {
                    detail = backend.serviceName() + " answered figures the gateway could not read";
                }
            }
            if (detail != null) {
                synchronized (missing) {
                    missing.add(new NetworkDashboard.MissingPart(part, backend.serviceName(), detail));
                }
            }
            return value;
        });
    }

    static NetworkDashboard.Sites sites(JsonNode coverage) {
        JsonNode targets = required(coverage, "targets");
        JsonNode today = required(coverage, "operational");
        JsonNode planned = required(coverage, "includingPlanned");
        return new NetworkDashboard.Sites(
                required(today, "siteCount").asInt(),
                required(planned, "siteCount").asInt() - today.path("siteCount").asInt(),
                reach(required(today, "cityCount").asInt(), required(targets, "cities").asInt(), required(planned, "cityCount").asInt()),
                reach(required(today, "regionCount").asInt(), required(targets, "regions").asInt(), required(planned, "regionCount").asInt()),
                required(targets, "year").asInt());
    }

    private static NetworkDashboard.Reach reach(int count, int target, int includingPlanned) {
        return new NetworkDashboard.Reach(count, target, Math.max(0, target - count), includingPlanned);
    }

    static NetworkDashboard.Occupancy occupancy(JsonNode o) {
        return new NetworkDashboard.Occupancy(required(o, "hostingCapacity").asInt(),
                optionalInt(o, "sitesWithoutHostingCapacity"), required(o, "startupsHosted").asInt(),
                optionalInt(o, "startupsHostedAtSitesWithCapacity"), required(o, "seats").asInt(),
                required(o, "allocatedSeats").asInt(), required(o, "rate").decimalValue(),
                o.path("nomads").path("presentNow").asInt(0), required(o, "bookings").asInt());
    }

    static NetworkDashboard.Startups startups(JsonNode f) {
        JsonNode revenue = required(f, "revenue");
        return new NetworkDashboard.Startups(required(f, "startupsAccompanied").asLong(), required(f, "currentResidents").asLong(),
                required(f, "revenueYear").asInt(),
                new Money(required(revenue, "amount").asText(), required(revenue, "currency").asText()),
                required(f, "employees").asLong());
    }

    static NetworkDashboard.Beneficiaries beneficiaries(JsonNode b) {
        long count = required(b, "beneficiaries").asLong();
        Integer target = b.hasNonNull("target") ? b.get("target").asInt() : null;
        BigDecimal progress = target == null || target == 0 ? null
                : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(target), 4, RoundingMode.HALF_UP);
        return new NetworkDashboard.Beneficiaries(count, target, progress);
    }

    /** A figure an older service does not give yet: null rather than a made-up zero. */
    private static Integer optionalInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.canConvertToInt() ? null : value.asInt();
    }

    /** A field the figures must have: a service answering without it is a contract break, not a zero. */
    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }
}
