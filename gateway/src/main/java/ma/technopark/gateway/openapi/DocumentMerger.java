package ma.technopark.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the gateway's own OpenAPI document and its services' into one, as JSON trees:
 * <ul>
 * <li>every operation once, marked with the service that owns it ({@code x-service}), and public operations
 * declared public ({@code security: []}) so that the edge knows which need a token;</li>
 * <li>components that two services define differently renamed with the service's prefix ({@code Status} becomes
 * {@code SitesStatus} and {@code ProgramsStatus}), their references rewritten; identical ones shared;</li>
 * <li>tags grouped per service ({@code x-tagGroups}), a tag that two services use qualified with the service;</li>
 * <li>operation ids kept unique, servers pointing at the gateway, one security scheme;</li>
 * <li>the answers the gateway itself gives for any operation (429 rate limited, 503 service down) declared.</li>
 * </ul>
 * A pure function of its inputs: the same documents always give the same result.
 */
public final class DocumentMerger {
    public static final String GATEWAY = "gateway";
    public static final String SERVICE_EXTENSION = "x-service";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SECTIONS = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "links", "callbacks", "pathItems");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private DocumentMerger() {
    }

    /**
     * @param own the gateway's own document
     * @param services each service's document by backend name, in a stable order; a null document is a service
     *        whose document could not be fetched, named in the result
     * @param serverUrl where clients reach the gateway
     */
    public static ObjectNode merge(JsonNode own, Map<String, JsonNode> services, String serverUrl) {
        Map<String, ObjectNode> sources = new LinkedHashMap<>();
        sources.put(GATEWAY, own.deepCopy());
        List<String> unavailable = new ArrayList<>();
        services.forEach((name, doc) -> {
            if (doc == null || !doc.path("paths").isObject()) {
                unavailable.add(serviceName(name));
            } else {
                sources.put(name, doc.deepCopy());
            }
        });
        renameClashingComponents(sources);
        Map<String, List<String>> tagGroups = qualifyTags(sources);
        uniqueOperationIds(sources);

        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", own.path("openapi").asText("3.1.0"));
        merged.set("info", info(own, services.keySet(), unavailable));
        merged.putArray("servers").addObject().put("url", serverUrl).put("description", "The gateway");
        merged.set("tags", tags(sources, tagGroups));
        ArrayNode groups = merged.putArray("x-tagGroups");
        tagGroups.forEach((service, tags) -> {
            if (!tags.isEmpty()) {
                ObjectNode group = groups.addObject().put("name", service);
                tags.forEach(group.putArray("tags")::add);
            }
        });
        merged.set("components", components(sources));
        merged.set("paths", paths(sources, problemRef(merged)));
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    public static String serviceName(String source) {
        return GATEWAY.equals(source) ? GATEWAY : source + "-service";
    }

    private static ObjectNode info(JsonNode own, Iterable<String> services, List<String> unavailable) {
        ObjectNode info = own.path("info").isObject() ? ((ObjectNode) own.path("info")).deepCopy() : NODES.objectNode();
        StringBuilder text = new StringBuilder("One API for the whole Technopark network, served by the gateway: ");
        List<String> names = new ArrayList<>();
        services.forEach(s -> names.add("`" + serviceName(s) + "`"));
        text.append(String.join(", ", names)).append(" and the gateway's own operations. Operations are grouped by ")
                .append("the service that owns them; protected ones need a bearer JWT.");
        if (!unavailable.isEmpty()) {
            text.append("\n\nNot listed right now, because their document could not be fetched: ")
                    .append(String.join(", ", unavailable)).append('.');
        }
        info.put("description", text.toString());
        return info;
    }

    /** Renames, until none is left, every component that two sources define differently. */
    private static void renameClashingComponents(Map<String, ObjectNode> sources) {
        for (int round = 0; round < 10; round++) {
            boolean renamed = false;
            for (String section : SECTIONS) {
                Map<String, Map<String, JsonNode>> definitions = new TreeMap<>();
                sources.forEach((source, doc) -> doc.path("components").path(section).fields()
                        .forEachRemaining(e -> definitions.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                                .put(source, e.getValue())));
                for (Map.Entry<String, Map<String, JsonNode>> entry : definitions.entrySet()) {
                    if (new LinkedHashSet<>(entry.getValue().values()).size() > 1) {
                        for (String source : entry.getValue().keySet()) {
                            rename(sources.get(source), section, entry.getKey(), prefix(source) + entry.getKey());
                        }
                        renamed = true;
                    }
                }
            }
            if (!renamed) {
                return;
            }
        }
        throw new IllegalStateException("Component names keep clashing after 10 rounds of renaming");
    }

    private static String prefix(String source) {
        return Character.toUpperCase(source.charAt(0)) + source.substring(1);
    }

    private static void rename(ObjectNode doc, String section, String from, String to) {
        ObjectNode components = (ObjectNode) doc.path("components").path(section);
        LinkedHashMap<String, JsonNode> reordered = new LinkedHashMap<>();
        components.fields().forEachRemaining(e -> reordered.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue()));
        components.removeAll();
        components.setAll(reordered);
        replaceRefs(doc, "#/components/" + section + "/" + from, "#/components/" + section + "/" + to);
    }

    private static void replaceRefs(JsonNode node, String from, String to) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().equals(from)) {
                object.put("$ref", to);
            }
            object.elements().forEachRemaining(child -> replaceRefs(child, from, to));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> replaceRefs(child, from, to));
        }
    }

    /** Qualifies tags used by more than one source; answers each service's tags, in order. */
    private static Map<String, List<String>> qualifyTags(Map<String, ObjectNode> sources) {
        Map<String, Set<String>> usedBy = new LinkedHashMap<>();
        sources.forEach((source, doc) -> tagNames(doc).forEach(t -> usedBy.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(source)));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        sources.forEach((source, doc) -> {
            List<String> names = new ArrayList<>();
            for (String tag : tagNames(doc)) {
                String name = usedBy.get(tag).size() > 1 ? tag + " (" + serviceName(source) + ")" : tag;
                if (!name.equals(tag)) {
                    renameTag(doc, tag, name);
                }
                names.add(name);
            }
            groups.put(serviceName(source), names);
        });
        return groups;
    }

    /** The source's tags: those it declares, then those its operations use without declaring. */
    private static Set<String> tagNames(ObjectNode doc) {
        Set<String> names = new LinkedHashSet<>();
        doc.path("tags").forEach(t -> names.add(t.path("name").asText()));
        operations(doc).forEach(op -> op.path("tags").forEach(t -> names.add(t.asText())));
        return names;
    }

    private static void renameTag(ObjectNode doc, String from, String to) {
        doc.path("tags").forEach(t -> {
            if (t.path("name").asText().equals(from)) {
                ((ObjectNode) t).put("name", to);
            }
        });
        for (ObjectNode op : operations(doc)) {
            ArrayNode tags = (ArrayNode) op.get("tags");
            if (tags != null) {
                for (int i = 0; i < tags.size(); i++) {
                    if (tags.get(i).asText().equals(from)) {
                        tags.set(i, NODES.textNode(to));
                    }
                }
            }
        }
    }

    private static ArrayNode tags(Map<String, ObjectNode> sources, Map<String, List<String>> groups) {
        ArrayNode tags = NODES.arrayNode();
        sources.forEach((source, doc) -> {
            Map<String, JsonNode> declared = new LinkedHashMap<>();
            doc.path("tags").forEach(t -> declared.put(t.path("name").asText(), t));
            for (String name : groups.get(serviceName(source))) {
                ObjectNode tag = declared.containsKey(name) ? ((ObjectNode) declared.get(name)).deepCopy() : NODES.objectNode().put("name", name);
                String description = tag.path("description").asText("");
                tag.put("description", (description.isEmpty() ? "" : description + " ") + "(" + serviceName(source) + ")");
                tags.add(tag);
            }
        });
        return tags;
    }

    private static void uniqueOperationIds(Map<String, ObjectNode> sources) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        sources.values().forEach(doc -> operations(doc).forEach(op -> {
            if (op.hasNonNull("operationId")) {
                counts.merge(op.get("operationId").asText(), 1, Integer::sum);
            }
        }));
        sources.forEach((source, doc) -> operations(doc).forEach(op -> {
            if (op.hasNonNull("operationId") && counts.get(op.get("operationId").asText()) > 1) {
                op.put("operationId", source + "_" + op.get("operationId").asText());
            }
        }));
    }

    /** The problem schema's name once merged (the gateway's own, renamed only if a service defined it differently). */
    private static String problemRef(ObjectNode merged) {
        JsonNode schemas = merged.path("components").path("schemas");
        String name = schemas.has("Problem") ? "Problem" : "GatewayProblem";
        return schemas.has(name) ? "#/components/schemas/" + name : null;
    }

    /** The answers the gateway itself may give for any operation, declared on each. */
    private static void edgeResponses(ObjectNode op, String problemRef) {
        ObjectNode responses = op.has("responses") ? (ObjectNode) op.get("responses") : op.putObject("responses");
        edgeResponse(responses, "429", "Too many requests: the client's rate limit at the gateway (see Retry-After)", problemRef);
        edgeResponse(responses, "503", "The service that owns this operation is not answering (see Retry-After)", problemRef);
    }

    private static void edgeResponse(ObjectNode responses, String status, String description, String problemRef) {
        if (responses.has(status)) {
            return;
        }
        ObjectNode response = responses.putObject(status).put("description", description);
        if (problemRef != null) {
            response.putObject("content").putObject("application/problem+json").putObject("schema").put("$ref", problemRef);
        }
    }

    private static ObjectNode paths(Map<String, ObjectNode> sources, String problemRef) {
        TreeMap<String, ObjectNode> paths = new TreeMap<>();
        sources.forEach((source, doc) -> doc.path("paths").fields().forEachRemaining(e -> {
            ObjectNode item = paths.computeIfAbsent(e.getKey(), k -> NODES.objectNode());
            e.getValue().fields().forEachRemaining(field -> {
                if (!METHODS.contains(field.getKey())) {
                    if (!item.has(field.getKey())) {
                        item.set(field.getKey(), field.getValue());
                    }
                    return;
                }
                if (item.has(field.getKey())) {
                    return; // an operation two services claim stays with the first (the gateway, then by name)
                }
                ObjectNode op = (ObjectNode) field.getValue();
                op.put(SERVICE_EXTENSION, serviceName(source));
                if (!op.has("security")) {
                    op.putArray("security");
                }
                edgeResponses(op, problemRef);
                item.set(field.getKey(), op);
            });
        }));
        ObjectNode result = NODES.objectNode();
        paths.forEach(result::set);
        return result;
    }

    private static ObjectNode components(Map<String, ObjectNode> sources) {
        ObjectNode components = NODES.objectNode();
        for (String section : concat(SECTIONS, "securitySchemes")) {
            TreeMap<String, JsonNode> merged = new TreeMap<>();
            sources.values().forEach(doc -> doc.path("components").path(section).fields()
                    .forEachRemaining(e -> merged.putIfAbsent(e.getKey(), e.getValue())));
            if (!merged.isEmpty()) {
                ObjectNode target = components.putObject(section);
                merged.forEach(target::set);
            }
        }
        return components;
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    static List<ObjectNode> operations(JsonNode doc) {
        List<ObjectNode> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            paths.next().getValue().fields().forEachRemaining(field -> {
                if (METHODS.contains(field.getKey()) && field.getValue().isObject()) {
                    ops.add((ObjectNode) field.getValue());
                }
            });
        }
        return ops;
    }
}
