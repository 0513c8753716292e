package ma.technopark.contracts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An AsyncAPI 3.0 document of the events on one or more topics, made from the {@link EventCatalog}: a channel per
 * topic, a send operation per channel, and a message per event type whose payload is the structured CloudEvent
 * envelope with the type's data schema, the record key (the aggregate id) as Kafka binding, and an example.
 */
public final class AsyncApiDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AsyncApiDocument() {
    }

    public static ObjectNode of(String title, String description, List<String> topics) {
        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        doc.putObject("info").put("title", title).put("version", "1.0.0").put("description", description);
        doc.put("defaultContentType", "application/json");
        doc.putObject("servers").putObject("kafka").put("host", "localhost:9092").put("protocol", "kafka")
                .put("description", "The platform's Kafka cluster (KAFKA_BOOTSTRAP_SERVERS)");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode messages = doc.putObject("components").putObject("messages");
        for (String topic : topics) {
            List<EventCatalog.EventType> types = EventCatalog.onTopic(topic);
            if (types.isEmpty()) {
                continue;
            }
            String channelId = channelId(topic);
            ObjectNode channel = channels.putObject(channelId).put("address", topic)
                    .put("description", "Events of " + topic.split("\\.")[1] + "-service, keyed by the aggregate id (one "
                            + "partition per key keeps each aggregate's order). Undeliverable ones go to " + topic + ".dlq.");
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode operation = operations.putObject("publish" + capitalize(channelId)).put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + channelId);
            operation.put("summary", "What " + topic.split("\\.")[1] + "-service publishes through its outbox");
            ArrayNode operationMessages = operation.putArray("messages");
            for (EventCatalog.EventType type : types) {
                String messageId = messageId(type.type());
                messages.set(messageId, message(type));
                channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
                operationMessages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + messageId);
            }
        }
        return doc;
    }

    /** technopark.sites.v1 → sitesEvents */
    static String channelId(String topic) {
        return topic.split("\\.")[1] + "Events";
    }

    /** sites.space.capacity-changed → sitesSpaceCapacityChanged */
    static String messageId(String type) {
        StringBuilder id = new StringBuilder();
        for (String part : type.split("[.-]")) {
            id.append(id.length() == 0 ? part : capitalize(part));
        }
        return id.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static ObjectNode message(EventCatalog.EventType type) {
        ObjectNode message = NODES.objectNode();
        message.put("name", type.fullType()).put("title", type.type()).put("summary", type.summary())
                .put("contentType", "application/cloudevents+json");
        message.putObject("bindings").putObject("kafka").put("bindingVersion", "0.5.0")
                .putObject("key").put("type", "string").put("description", "The aggregate id (the CloudEvent's subject)");
        ObjectNode payload = message.putObject("payload").put("type", "object");
        payload.put("description", "A structured CloudEvents 1.0 envelope; data holds the event's fields");
        ObjectNode props = payload.putObject("properties");
        props.putObject("specversion").put("const", "1.0");
        props.putObject("id").put("type", "string").put("format", "uuid").put("description", "Unique: consumers deduplicate by it");
        props.putObject("source").put("type", "string").put("example", "/" + type.topic().split("\\.")[1] + "-service");
        props.putObject("type").put("const", type.fullType());
        props.putObject("subject").put("type", "string").put("description", "The aggregate id, also the record key");
        props.putObject("time").put("type", "string").put("format", "date-time");
        props.putObject("datacontenttype").put("const", "application/json");
        props.putObject("traceparent").put("type", "string").put("description", "W3C trace context, when traced");
        ObjectNode data = props.putObject("data").put("type", "object");
        ObjectNode dataProps = data.putObject("properties");
        ArrayNode required = data.putArray("required");
        ObjectNode example = NODES.objectNode();
        for (EventCatalog.Field field : type.fields()) {
            dataProps.set(field.name(), schema(field));
            if (!field.nullable()) {
                required.add(field.name());
            }
            example.set(field.name(), example(field));
        }
        ArrayNode envelopeRequired = payload.putArray("required");
        List.of("specversion", "id", "source", "type", "subject", "time", "data").forEach(envelopeRequired::add);
        ObjectNode envelope = NODES.objectNode().put("specversion", "1.0").put("id", "01935f7e-8a3c-7b21-9c4d-2e6f8a0b1c3d")
                .put("source", "/" + type.topic().split("\\.")[1] + "-service").put("type", type.fullType())
                .put("subject", "01935f7e-5b2a-7e10-8f3c-1d2e3f4a5b6c").put("time", "2026-11-26T10:00:00Z")
                .put("datacontenttype", "application/json");
        envelope.set("data", example);
        message.putArray("examples").addObject().put("name", messageId(type.type())).set("payload", envelope);
        return message;
    }

    private static ObjectNode schema(EventCatalog.Field field) {
        ObjectNode s = NODES.objectNode();
        switch (field.kind()) {
            case "uuid" -> typed(s, "string", field.nullable()).put("format", "uuid");
            case "date" -> typed(s, "string", field.nullable()).put("format", "date");
            case "date-time" -> typed(s, "string", field.nullable()).put("format", "date-time");
            case "integer", "boolean" -> typed(s, field.kind(), field.nullable());
            case "money" -> {
                typed(s, "object", false);
                ObjectNode p = s.putObject("properties");
                p.putObject("amount").put("type", "string").put("pattern", "^-?\\d{1,15}(\\.\\d{1,2})?$");
                p.putObject("currency").put("const", "MAD");
            }
            case "uuid[]" -> {
                typed(s, "array", false);
                s.putObject("items").put("type", "string").put("format", "uuid");
            }
            case "string[]" -> {
                typed(s, "array", false);
                s.putObject("items").put("type", "string");
            }
            default -> typed(s, "string", field.nullable());
        }
        return s;
    }

    private static ObjectNode typed(ObjectNode s, String type, boolean nullable) {
        if (nullable) {
            s.putArray("type").add(type).add("null");
        } else {
            s.put("type", type);
        }
        return s;
    }

    private static com.fasterxml.jackson.databind.JsonNode example(EventCatalog.Field field) {
        return switch (field.kind()) {
            case "uuid" -> NODES.textNode("01935f7e-5b2a-7e10-8f3c-1d2e3f4a5b6c");
            case "date" -> NODES.textNode("2026-12-01");
            case "date-time" -> NODES.textNode("2026-12-01T09:00:00Z");
            case "integer" -> NODES.numberNode(3);
            case "boolean" -> NODES.booleanNode(true);
            case "money" -> NODES.objectNode().put("amount", "1250000.00").put("currency", "MAD");
            case "uuid[]" -> NODES.arrayNode().add("01935f7e-5b2a-7e10-8f3c-1d2e3f4a5b6c");
            case "string[]" -> NODES.arrayNode().add("ESS");
            default -> NODES.textNode(field.name().toLowerCase().contains("code") ? "ESS" : "example");
        };
    }
}
