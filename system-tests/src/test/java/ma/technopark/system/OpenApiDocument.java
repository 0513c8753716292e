package ma.technopark.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The gateway's merged OpenAPI document: its operations, their schemas, and valid example values built from them. */
final class OpenApiDocument {
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One operation of the document. */
    record Operation(String method, String path, JsonNode node) {
        String key() {
            return method + " " + path;
        }

        /** The roles its security requirement names; empty for a public operation. */
        List<String> roles() {
            List<String> roles = new ArrayList<>();
            for (JsonNode requirement : node.path("security")) {
                requirement.path("bearer").forEach(r -> roles.add(r.asText()));
            }
            return roles;
        }

        boolean isPublic() {
            return node.has("security") && node.path("security").isEmpty();
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            node.path("parameters").forEach(p -> {
                if (in.equals(p.path("in").asText())) {
                    found.add(p);
                }
            });
            return found;
        }
    }

    private final JsonNode root;

    OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument fromGateway() {
        PlatformExtension.awaitMergedDocument();
        Http.Exchange e = Http.send(PlatformExtension.gateway(), "GET", "/q/openapi?format=json", null, null);
        return new OpenApiDocument(Json.parse(e.body()));
    }

    List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    ops.add(new Operation(method.toUpperCase(), path.getKey(), path.getValue().get(method)));
                }
            }
        }
        return ops;
    }

    /** The schema a {@code $ref} names, or the schema itself; a $ref's siblings (type, examples) are kept over it. */
    JsonNode resolve(JsonNode schema) {
        int depth = 0;
        while (schema != null && schema.has("$ref") && depth++ < 20) {
            String ref = schema.get("$ref").asText();
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("dangling $ref " + ref);
            }
            if (schema.size() > 1) {
                ObjectNode merged = ((ObjectNode) target).deepCopy();
                schema.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("$ref")) {
                        merged.set(f.getKey(), f.getValue());
                    }
                });
                schema = merged;
            } else {
                schema = target;
            }
        }
        return schema;
    }

    /** The JSON request body's schema, or null. */
    JsonNode requestSchema(Operation op) {
        JsonNode s = op.node().path("requestBody").path("content").path("application/json").path("schema");
        return s.isMissingNode() ? null : resolve(s);
    }

    /** The schema the document gives for an answer (by status, then "default"), per media type; null when undocumented. */
    JsonNode responseSchema(Operation op, int status, String mediaType) {
        JsonNode response = op.node().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            response = op.node().path("responses").path("default");
        }
        if (response.isMissingNode()) {
            return null;
        }
        JsonNode content = response.path("content");
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            return content.isMissingNode() || content.isEmpty() ? NODES.objectNode() : null;
        }
        JsonNode schema = media.path("schema");
        return schema.isMissingNode() ? NODES.objectNode() : resolve(schema);
    }

    boolean documentsStatus(Operation op, int status) {
        return op.node().path("responses").has(Integer.toString(status)) || op.node().path("responses").has("default");
    }

    /** A value the schema accepts: its example when it has one, else one built from its type and constraints. */
    JsonNode example(JsonNode schema) {
        return example(resolve(schema), 0);
    }

    private JsonNode example(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema == null || depth > 8) {
            return NODES.nullNode();
        }
        if (schema.has("examples") && schema.get("examples").size() > 0 && !"object".equals(type(schema))) {
            return schema.get("examples").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            if (schema.has(combinator)) {
                return example(schema.get(combinator).get(0), depth + 1);
            }
        }
        switch (type(schema)) {
            case "object": {
                ObjectNode o = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> o.set(p.getKey(), example(p.getValue(), depth + 1)));
                return o;
            }
            case "array": {
                ArrayNode a = NODES.arrayNode();
                int items = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < items; i++) {
                    a.add(example(schema.path("items"), depth + 1));
                }
                return a;
            }
            case "integer":
                return NODES.numberNode(schema.has("minimum") ? Math.max(schema.get("minimum").asLong(), 1) : 1);
            case "number":
                return NODES.numberNode(schema.has("minimum") ? Math.max(schema.get("minimum").asDouble(), 1) : 1.5);
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.textNode(switch (schema.path("format").asText()) {
                    case "uuid" -> UUID.randomUUID().toString();
                    case "date" -> LocalDate.now().plusDays(30).toString();
                    case "date-time" -> LocalDate.now().plusDays(30) + "T10:00:00Z";
                    case "local-time" -> "10:00";
                    default -> "texte";
                });
        }
    }

    /** The schema's type: its first non-null one when it lists several; "object" when it has properties. */
    static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode each : t) {
                if (!"null".equals(each.asText())) {
                    return each.asText();
                }
            }
        }
        if (t.isTextual()) {
            return t.asText();
        }
        return schema.has("properties") ? "object" : "";
    }
}
