package ma.technopark.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The platform's AsyncAPI document: the services' own (each lists the events of its topic) merged into one, channels,
 * operations and messages side by side; a service whose document is not known yet is named in {@code x-unavailable}.
 */
public final class EventsMerger {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventsMerger() {
    }

    public static ObjectNode merge(Map<String, JsonNode> documents, List<String> backends) {
        ObjectNode merged = NODES.objectNode();
        merged.put("asyncapi", "3.0.0");
        merged.putObject("info").put("title", "Technopark Network Platform events").put("version", "1.0.0")
                .put("description", "Every event the services publish on Kafka, as structured CloudEvents 1.0: one channel "
                        + "per service's topic. Consumers deduplicate by the CloudEvent id (delivery is at least once).");
        merged.put("defaultContentType", "application/json");
        ObjectNode servers = merged.putObject("servers");
        ObjectNode channels = merged.putObject("channels");
        ObjectNode operations = merged.putObject("operations");
        ObjectNode messages = merged.putObject("components").putObject("messages");
        ArrayNode unavailable = NODES.arrayNode();
        for (String backend : backends) {
            JsonNode doc = documents.get(backend);
            if (doc == null) {
                unavailable.add(DocumentMerger.serviceName(backend));
                continue;
            }
            doc.path("servers").fields().forEachRemaining(e -> servers.putIfAbsent(e.getKey(), e.getValue()));
            doc.path("channels").fields().forEachRemaining(e -> channels.set(e.getKey(), e.getValue()));
            doc.path("operations").fields().forEachRemaining(e -> operations.set(e.getKey(), e.getValue()));
            doc.path("components").path("messages").fields().forEachRemaining(e -> messages.set(e.getKey(), e.getValue()));
        }
        if (!unavailable.isEmpty()) {
            merged.set("x-unavailable", unavailable);
        }
        return merged;
    }
}
