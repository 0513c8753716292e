package ma.technopark.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import ma.technopark.infra.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The access matrix, generated from the gateway's merged OpenAPI document and checked against the table declared once
 * in {@code access-matrix.tsv}: every operation is called anonymously, with each role, and (for the operations the
 * table scopes to an owner) with a token of the same role scoped to another owner, through the gateway.
 */
@ExtendWith({PlatformExtension.class, SuiteSummary.class})
class AccessMatrixSystemTest {
    static final List<String> ROLES = List.of("admin", "programme-manager", "site-manager", "startup", "partner");

    /** One row of the table. */
    record Rule(String method, String path, Set<String> access, Set<String> owners) {
        boolean isPublic() {
            return access.contains("public");
        }
    }

    static Map<String, Rule> table() throws IOException {
        Map<String, Rule> rules = new LinkedHashMap<>();
        try (InputStream in = AccessMatrixSystemTest.class.getResourceAsStream("/access-matrix.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Rule rule = new Rule(f[0], f[1], new TreeSet<>(List.of(f[2].split(","))),
                        f[3].equals("-") ? Set.of() : new TreeSet<>(List.of(f[3].split(","))));
                if (rules.put(rule.method() + " " + rule.path(), rule) != null) {
                    throw new IllegalStateException("two rows for " + rule.method() + " " + rule.path());
                }
            }
        }
        return rules;
    }

    @Test
    void everyOperationIsClassifiedAndAnswersAsTheTableSays() throws Exception {
        OpenApiDocument doc = OpenApiDocument.fromGateway();
        Map<String, Rule> table = table();
        List<OpenApiDocument.Operation> operations = doc.operations();
        // the table and the document list the same operations, with the same roles
        Set<String> unclassified = new TreeSet<>();
        Set<String> disagreeing = new TreeSet<>();
        for (OpenApiDocument.Operation op : operations) {
            Rule rule = table.get(op.key());
            if (rule == null) {
                unclassified.add(op.key());
            } else if (!(rule.isPublic() ? op.isPublic() : new TreeSet<>(op.roles()).equals(rule.access()))) {
                disagreeing.add(op.key() + ": the document says " + (op.isPublic() ? "public" : op.roles()));
            }
        }
        Set<String> stale = new TreeSet<>(table.keySet());
        operations.forEach(op -> stale.remove(op.key()));
        assertTrue(unclassified.isEmpty(), "operations missing from access-matrix.tsv (classify them): " + unclassified);
        assertTrue(stale.isEmpty(), "rows of access-matrix.tsv for operations that do not exist: " + stale);
        assertTrue(disagreeing.isEmpty(), "the document's security disagrees with the table: " + disagreeing);
        SuiteSummary.add(SuiteSummary.OPERATIONS, operations.size());

        String gateway = PlatformExtension.gateway();
        Fixtures fixtures = new Fixtures(gateway, doc);
        // the answer to a role the operation does not admit (a scope refusal says something else)
        String roleRefused = Http.send(gateway, "POST", "/api/v1/sites", fixtures.tokens.get("programme-manager"), "{}").body();
        String roleDetail = Json.field(roleRefused, "detail");
        Map<String, Long> outcomes = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<OpenApiDocument.Operation> ordered = new ArrayList<>(operations);
        ordered.sort(Comparator.comparing(op -> op.method().equals("DELETE"))); // deletions last
        for (OpenApiDocument.Operation op : ordered) {
            Rule rule = table.get(op.key());
            String path = fill(doc, op, name -> UUID.randomUUID().toString());
            String body = body(doc, op);
            // anonymous
            Http.Exchange anonymous = call(gateway, op, path, null, body);
            if (rule.isPublic()) {
                expect(anonymous.status() != 401 && anonymous.status() != 403 && anonymous.status() < 500, op, "anonymous", anonymous, wrong);
                count(outcomes, "public, answered anonymously");
            } else {
                expect(anonymous.status() == 401, op, "anonymous", anonymous, wrong);
                count(outcomes, "refused without a token (401)");
            }
            for (String role : ROLES) {
                Http.Exchange e = call(gateway, op, path, fixtures.tokens.get(role), body);
                boolean refusedForRole = e.status() == 403 && roleDetail.equals(Json.field(e.body(), "detail"));
                if (rule.isPublic() || rule.access().contains(role)) {
                    expect(e.status() != 401 && !refusedForRole && e.status() < 500, op, role, e, wrong);
                    count(outcomes, e.status() == 403 ? "allowed role, refused by its scope (403)" : "allowed role, served or answered on the merits");
                } else {
                    expect(refusedForRole, op, role, e, wrong);
                    count(outcomes, "refused for the role (403)");
                }
            }
        }
        // owners: another owner's token is refused the owner's object; the owner's own token is not
        for (OpenApiDocument.Operation op : ordered) {
            Rule rule = table.get(op.key());
            for (String owner : rule.owners()) {
                String path = fill(doc, op, fixtures::owned);
                String body = body(doc, op);
                Http.Exchange other = call(gateway, op, path, fixtures.otherOwners.get(owner), body);
                expect(other.status() == 403 || other.status() == 404, op, owner + " of another owner", other, wrong);
                count(outcomes, "another owner's token refused (403/404)");
            }
        }
        for (OpenApiDocument.Operation op : ordered) {
            Rule rule = table.get(op.key());
            for (String owner : rule.owners()) {
                Http.Exchange own = call(gateway, op, fill(doc, op, fixtures::owned), fixtures.tokens.get(owner), body(doc, op));
                expect(own.status() != 401 && own.status() != 403 && own.status() < 500, op, owner + " (the owner)", own, wrong);
                count(outcomes, "the owner's own token allowed");
            }
        }
        outcomes.forEach((outcome, n) -> SuiteSummary.add("  access: " + outcome, n));
        SuiteSummary.add(SuiteSummary.ACCESS_CALLS, outcomes.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(wrong.isEmpty(), wrong.size() + " calls disagree with access-matrix.tsv:\n" + String.join("\n", wrong));
    }

    private static Http.Exchange call(String gateway, OpenApiDocument.Operation op, String path, String token, String body) {
        var request = Http.request(gateway, op.method(), path, token, body);
        if (op.method().equals("PUT")) {
            // replacements need If-Match: a stale one, so that a caller allowed through gets 412 and changes nothing
            request.header("If-Match", "\"999999\"");
        }
        Http.Exchange e = Http.send(request.build());
        if (e.status() >= 500) {
            SuiteSummary.add(SuiteSummary.SERVER_ERRORS, 1);
        }
        return e;
    }

    private static void expect(boolean ok, OpenApiDocument.Operation op, String who, Http.Exchange e, List<String> wrong) {
        if (!ok) {
            wrong.add(op.key() + " as " + who + ": " + e.status() + " " + e.body().substring(0, Math.min(200, e.body().length())));
        }
    }

    private static void count(Map<String, Long> outcomes, String outcome) {
        outcomes.merge(outcome, 1L, Long::sum);
    }

    /** The operation's path with its parameters filled in (by name) and its required query parameters added. */
    static String fill(OpenApiDocument doc, OpenApiDocument.Operation op, Function<String, String> pathValue) {
        String path = op.path();
        for (JsonNode p : op.parameters("path")) {
            String name = p.path("name").asText();
            String value = pathValue.apply(op.path().substring(0, op.path().indexOf("{" + name + "}")) + "{" + name + "}");
            path = path.replace("{" + name + "}", value);
        }
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.parameters("query")) {
            if (p.path("required").asBoolean(false)) {
                query.append(query.length() == 0 ? '?' : '&').append(p.path("name").asText()).append('=')
                        .append(URLEncoder.encode(doc.example(p.path("schema")).asText(), StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }

    static String body(OpenApiDocument doc, OpenApiDocument.Operation op) {
        JsonNode schema = doc.requestSchema(op);
        return schema == null ? null : doc.example(schema).toString();
    }

    /** The objects owned by the scoped tokens, and the tokens (theirs, and others' of the same roles). */
    static final class Fixtures {
        final Map<String, String> tokens = new LinkedHashMap<>();
        final Map<String, String> otherOwners = new LinkedHashMap<>();
        private final Map<String, String> owned = new LinkedHashMap<>();

        Fixtures(String gateway, OpenApiDocument doc) {
            String admin = DevTokens.admin();
            String run = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
            String siteCode = "AM" + run;
            Http.Exchange site = Http.send(gateway, "POST", "/api/v1/sites", admin, BrokerOutageSystemTest.siteBody(siteCode));
            assertEquals(201, site.status(), site.body());
            String siteId = Json.field(site.body(), "id");
            String startupId = SagaFixtures.startup(gateway, "Matrice " + run, siteCode);
            String startupToken = DevTokens.subject("matrix-startup").groups("startup").startupId(startupId).sign();
            Http.Exchange application = Http.send(gateway, "POST", "/api/v1/applications", startupToken,
                    "{\"startupId\": \"" + startupId + "\", \"siteCode\": \"" + siteCode + "\", \"seats\": 1}");
            assertEquals(201, application.status(), application.body());
            Http.Exchange partner = Http.send(gateway, "POST", "/api/v1/partners", admin,
                    "{\"name\": \"Banque matrice " + run + "\", \"kind\": \"BANK\"}");
            assertEquals(201, partner.status(), partner.body());
            String partnerId = Json.field(partner.body(), "id");
            String partnerToken = DevTokens.subject("matrix-partner").groups("partner").partnerId(partnerId).sign();
            Http.Exchange subscription = Http.send(gateway, "POST", "/api/v1/webhook-subscriptions", partnerToken,
                    "{\"url\": \"http://127.0.0.1:9/hooks\", \"eventTypes\": [\"sites.site.registered\"]}");
            assertEquals(201, subscription.status(), subscription.body());

            tokens.put("admin", admin);
            tokens.put("programme-manager", DevTokens.subject("matrix-pm").groups("programme-manager").sign());
            tokens.put("site-manager", DevTokens.subject("matrix-sm").groups("site-manager").sites(siteCode).sign());
            tokens.put("startup", startupToken);
            tokens.put("partner", partnerToken);
            otherOwners.put("site-manager", DevTokens.subject("matrix-sm-2").groups("site-manager").sites("ZZ" + run).sign());
            otherOwners.put("startup", DevTokens.subject("matrix-startup-2").groups("startup").startupId(UUID.randomUUID().toString()).sign());
            otherOwners.put("partner", DevTokens.subject("matrix-partner-2").groups("partner").partnerId(UUID.randomUUID().toString()).sign());
            owned.put("/api/v1/startups/{id}", startupId);
            owned.put("/api/v1/applications/{id}", Json.field(application.body(), "id"));
            owned.put("/api/v1/sites/{id}", siteId);
            owned.put("/api/v1/sites/{siteId}", siteId);
            owned.put("/api/v1/partners/{id}", partnerId);
            owned.put("/api/v1/webhook-subscriptions/{id}", Json.field(subscription.body(), "id"));
        }

        /** The owned object for a path parameter (given as the path up to it), or a random id. */
        String owned(String pathToParameter) {
            return owned.getOrDefault(pathToParameter, UUID.randomUUID().toString());
        }
    }
}
