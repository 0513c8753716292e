package ma.technopark.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import ma.technopark.infra.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests generated from the merged OpenAPI document, sent through the gateway: for each operation, valid requests
 * and requests with one or two faults (boundary numbers, wrong types, missing and extra fields, huge and unicode
 * strings, SQL and script fragments in every string field, invalid UUIDs and dates, broken JSON). No answer may be a
 * 5xx, every 4xx is problem+json, and every answer matches the schema the document gives for its status. Meanwhile a
 * load books the same rooms, allocates the last seats and fills a cohort (CapacityLoad), and the capacity invariants
 * are checked in the databases.
 * <p>
 * Size: {@code -Dtechnopark.suite.fuzz} requests (default 10,000); the seed is printed, and {@code
 * -Dtechnopark.suite.seed} replays a run.
 */
@ExtendWith({PlatformExtension.class, SuiteSummary.class})
class FuzzSystemTest {
    static final int REQUESTS = Integer.getInteger("technopark.suite.fuzz", 10_000);
    private static final String[] HOSTILE = {
        "' OR '1'='1", "'; DROP TABLE site; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
        "../../etc/passwd", "%00", "\u0000", "é漢字🙂\u202e", "  ", "", "null", "-1", "1e309", "{{7*7}}", "\\", "%",
        "00000000-0000-0000-0000-000000000000", "not-a-uuid", "2026-02-30", "2026-13-01", "24:61", "9999-12-31",
        "0001-01-01", "x".repeat(1_000), "x".repeat(10_000)};
    /**
     * In a path or query the longest hostile value stays under the HTTP layer's 4 KiB request-line limit: beyond it
     * Vert.x answers a bare 414 before any handler can write a problem (quarkusio/quarkus#55082; docs/testing.md), and
     * OwaspApiTop10SystemTest checks that answer on its own.
     */
    private static final int URI_VALUES = HOSTILE.length - 1;
    private static final Object[] NUMBERS = {-1, 0, 1, Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE,
        -0.5, 1e308, "12", true};
    private static final String[] READ_ONLY = {"id", "status", "version", "createdAt", "updatedAt", "ownerId", "admin"};

    @Test
    void generatedRequestsGetNo5xxAndAnswersMatchTheDocument() throws Exception {
        OpenApiDocument doc = OpenApiDocument.fromGateway();
        SchemaValidator validator = new SchemaValidator(doc);
        String gateway = PlatformExtension.gateway();
        AccessMatrixSystemTest.Fixtures fixtures = new AccessMatrixSystemTest.Fixtures(gateway, doc);
        long seed = Long.getLong("technopark.suite.seed", System.nanoTime());
        System.out.println("FuzzSystemTest seed " + seed + " (replay with -Dtechnopark.suite.seed=" + seed + ")");
        List<OpenApiDocument.Operation> operations = doc.operations();
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> kinds = Collections.synchronizedMap(new TreeMap<>());
        try (CapacityLoad load = new CapacityLoad(gateway).start()) {
            Map<Integer, AtomicLong> statuses = Http.parallel(REQUESTS, 8, i -> {
                Random random = new Random(seed + i);
                OpenApiDocument.Operation op = operations.get(i % operations.size());
                String token = random.nextInt(10) == 0 ? null : fixtures.tokens.get(random.nextInt(4) == 0
                        ? AccessMatrixSystemTest.ROLES.get(random.nextInt(AccessMatrixSystemTest.ROLES.size())) : "admin");
                Generated g = generate(doc, op, fixtures, random);
                kinds.computeIfAbsent(g.fault(), k -> new AtomicLong()).incrementAndGet();
                Http.Exchange e = Http.send(Http.request(gateway, op.method(), g.path(), token, null)
                        .method(op.method(), g.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(g.body()))
                        .header("Content-Type", "application/json").build());
                String where = op.key() + " [" + g.fault() + "] " + g.path() + " -> " + e.status();
                if (e.status() >= 500 || e.status() < 0) {
                    serverErrors.add(where + " " + e.body().substring(0, Math.min(300, e.body().length())));
                } else {
                    List<String> wrong = conformance(doc, validator, op, e);
                    if (!wrong.isEmpty()) {
                        mismatches.add(where + ": " + wrong.subList(0, Math.min(3, wrong.size())));
                    }
                }
                return List.of(e);
            }, new ArrayList<>());
            // what the answers were, by class: a fuzzer that only ever met 401s would prove little
            Map<String, Long> classes = new TreeMap<>();
            statuses.forEach((status, n) -> classes.merge(status / 100 + "xx", n.get(), Long::sum));
            classes.forEach((c, n) -> SuiteSummary.add("  fuzz answers " + c, n));
            System.out.println("FuzzSystemTest answers by status: " + new TreeMap<>(statuses));
            load.stop();
            SuiteSummary.add(SuiteSummary.WRITES, load.writes());
            SuiteSummary.add(SuiteSummary.INVARIANT_CHECKS, load.checks());
            SuiteSummary.add(SuiteSummary.INVARIANTS_BROKEN, load.broken().size());
            assertEquals(List.of(), load.broken(), "capacity invariants broken under load");
        }
        java.nio.file.Files.write(ma.technopark.infra.Platform.findRoot().resolve("system-tests/target/fuzz-findings.txt"),
                concat(serverErrors, mismatches));
        SuiteSummary.add(SuiteSummary.FUZZED, REQUESTS);
        SuiteSummary.add(SuiteSummary.SERVER_ERRORS, serverErrors.size());
        SuiteSummary.add(SuiteSummary.SCHEMA_MISMATCHES, mismatches.size());
        System.out.println("FuzzSystemTest requests by fault: " + kinds);
        assertTrue(serverErrors.isEmpty() && mismatches.isEmpty(), serverErrors.size() + " answers were 5xx:\n"
                + String.join("\n", serverErrors.subList(0, Math.min(30, serverErrors.size()))) + "\n" + mismatches.size()
                + " answers do not match the document:\n" + String.join("\n", mismatches.subList(0, Math.min(60, mismatches.size()))));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** What is wrong with an answer: a 4xx that is not problem+json, a status or a body the document does not give. */
    static List<String> conformance(OpenApiDocument doc, SchemaValidator validator, OpenApiDocument.Operation op, Http.Exchange e) {
        List<String> wrong = new ArrayList<>();
        String media = e.contentType().split(";")[0].trim();
        if (e.status() >= 400 && !media.equals("application/problem+json")) {
            wrong.add("a " + e.status() + " answered as " + media + ", not application/problem+json");
            return wrong;
        }
        if (!doc.documentsStatus(op, e.status())) {
            wrong.add("status " + e.status() + " is not in the document");
            return wrong;
        }
        if (e.body().isEmpty() || !(media.endsWith("json"))) {
            return wrong;
        }
        JsonNode schema = doc.responseSchema(op, e.status(), media);
        if (schema == null) {
            wrong.add("media type " + media + " is not documented for " + e.status());
            return wrong;
        }
        wrong.addAll(validator.check(schema, Json.parse(e.body())));
        return wrong;
    }

    /** A generated request: its path with query, its body, and the fault put into it ("valid" for none). */
    record Generated(String path, String body, String fault) {
    }

    static Generated generate(OpenApiDocument doc, OpenApiDocument.Operation op, AccessMatrixSystemTest.Fixtures fixtures, Random random) {
        String fault = "valid";
        String path = op.path();
        for (JsonNode p : op.parameters("path")) {
            String name = p.path("name").asText();
            String value;
            if (random.nextInt(4) == 0) {
                value = HOSTILE[random.nextInt(URI_VALUES)];
                if (value.isEmpty()) {
                    value = "-"; // an empty segment would be another path (another operation), not this one's fault
                }
                fault = "path parameter " + name;
            } else {
                value = fixtures.owned(op.path().substring(0, op.path().indexOf("{" + name + "}")) + "{" + name + "}");
            }
            path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.parameters("query")) {
            int dice = random.nextInt(6);
            String value;
            if (dice == 0) {
                value = HOSTILE[random.nextInt(URI_VALUES)];
                fault = "query parameter " + p.path("name").asText();
            } else if (dice <= 2 || p.path("required").asBoolean(false)) {
                value = doc.example(p.path("schema")).asText();
            } else {
                continue;
            }
            query.append(query.length() == 0 ? '?' : '&').append(p.path("name").asText()).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        if (random.nextInt(20) == 0) {
            query.append(query.length() == 0 ? '?' : '&').append("unexpected=1");
            fault = "unknown query parameter";
        }
        JsonNode schema = doc.requestSchema(op);
        String body = null;
        if (schema != null) {
            JsonNode example = doc.example(schema);
            int dice = random.nextInt(10);
            if (dice == 0) {
                body = random.nextBoolean() ? "{\"broken\": " : (random.nextBoolean() ? "[]" : "");
                fault = "malformed body";
            } else if (dice <= 6 && example.isObject() && example.size() > 0) {
                ObjectNode o = (ObjectNode) example.deepCopy();
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String field = names.get(random.nextInt(names.size()));
                switch (random.nextInt(6)) {
                    case 0 -> {
                        o.remove(field);
                        fault = "missing " + field;
                    }
                    case 1 -> {
                        String extra = READ_ONLY[random.nextInt(READ_ONLY.length)];
                        o.put(extra, extra.equals("id") ? UUID.randomUUID().toString() : "ACTIVE");
                        fault = "extra read-only " + extra;
                    }
                    case 2 -> {
                        o.set(field, number(random));
                        fault = "number in " + field;
                    }
                    case 3 -> {
                        o.putNull(field);
                        fault = "null " + field;
                    }
                    case 4 -> {
                        ArrayNode a = o.putArray(field);
                        a.add(hostile(random));
                        fault = "array in " + field;
                    }
                    default -> {
                        hostileStrings(o, random);
                        fault = "hostile strings";
                    }
                }
                body = o.toString();
            } else {
                body = example.toString();
            }
        }
        return new Generated(path + query, body, fault);
    }

    private static void hostileStrings(ObjectNode o, Random random) {
        o.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual()) {
                f.setValue(OpenApiDocument.NODES.textNode(hostile(random)));
            } else if (f.getValue().isObject()) {
                hostileStrings((ObjectNode) f.getValue(), random);
            }
        });
    }

    private static String hostile(Random random) {
        return HOSTILE[random.nextInt(HOSTILE.length)];
    }

    private static JsonNode number(Random random) {
        Object n = NUMBERS[random.nextInt(NUMBERS.length)];
        return Json.MAPPER.valueToTree(n);
    }
}
