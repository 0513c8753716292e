package ma.technopark.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a schema of the document: the keywords its schemas use (type, properties, required,
 * items, enum, formats, lengths, bounds, patterns, combinators, $ref). A property the schema does not list is
 * accepted (the document does not close its objects); a null is accepted for a property that is not required
 * (decision in docs/testing.md: the services may write an absent optional field as null).
 */
final class SchemaValidator {
    private final OpenApiDocument doc;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    SchemaValidator(OpenApiDocument doc) {
        this.doc = doc;
    }

    /** What is wrong with the value, one line per mismatch; empty when it matches. */
    List<String> check(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        schema = doc.resolve(schema);
        if (schema == null || schema.isEmpty()) {
            return;
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(s -> check(s, value, at, errors));
        }
        for (String combinator : new String[] {"anyOf", "oneOf"}) {
            if (schema.has(combinator)) {
                boolean any = false;
                for (JsonNode s : schema.get(combinator)) {
                    List<String> e = new ArrayList<>();
                    check(s, value, at, e);
                    any |= e.isEmpty();
                }
                if (!any) {
                    errors.add(at + ": matches none of " + combinator);
                }
            }
        }
        if (value.isNull()) {
            if (!allowsNull(schema)) {
                errors.add(at + ": null where " + OpenApiDocument.type(schema) + " is expected");
            }
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) {
                listed |= e.equals(value) || (e.isTextual() && value.isTextual() && e.asText().equals(value.asText()));
            }
            if (!listed) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        String type = OpenApiDocument.type(schema);
        switch (type) {
            case "object" -> object(schema, value, at, errors);
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(at + ": not an array");
                    return;
                }
                if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                    errors.add(at + ": more than " + schema.get("maxItems") + " items");
                }
                if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                    errors.add(at + ": fewer than " + schema.get("minItems") + " items");
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), at + "[" + i + "]", errors);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(at + ": " + value + " is not an integer");
                } else {
                    bounds(schema, value, at, errors);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(at + ": " + value + " is not a number");
                } else {
                    bounds(schema, value, at, errors);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(at + ": " + value + " is not a boolean");
                }
            }
            case "string" -> string(schema, value, at, errors);
            default -> {
            }
        }
    }

    private void object(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (!value.isObject()) {
            errors.add(at + ": not an object");
            return;
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (String name : required) {
            if (!value.has(name)) {
                errors.add(at + ": required " + name + " is missing");
            }
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            JsonNode v = value.get(p.getKey());
            if (v != null && !(v.isNull() && !required.contains(p.getKey()))) {
                check(p.getValue(), v, at + "." + p.getKey(), errors);
            }
        });
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject() && !schema.has("properties")) {
            value.fields().forEachRemaining(f -> check(additional, f.getValue(), at + "." + f.getKey(), errors));
        }
    }

    private static void bounds(JsonNode schema, JsonNode value, String at, List<String> errors) {
        double v = value.asDouble();
        if (schema.has("minimum") && v < schema.get("minimum").asDouble()
                || schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber() && v <= schema.get("exclusiveMinimum").asDouble()) {
            errors.add(at + ": " + value + " is below the minimum");
        }
        if (schema.has("maximum") && v > schema.get("maximum").asDouble()
                || schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber() && v >= schema.get("exclusiveMaximum").asDouble()) {
            errors.add(at + ": " + value + " is above the maximum");
        }
    }

    private void string(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(at + ": " + value + " is not a string");
            return;
        }
        String s = value.asText();
        int length = s.codePointCount(0, s.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(at + ": longer than " + schema.get("maxLength"));
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(at + ": shorter than " + schema.get("minLength"));
        }
        if (schema.has("pattern")) {
            Pattern p = patterns.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile);
            if (!p.matcher(s).find()) {
                errors.add(at + ": \"" + s + "\" does not match " + p);
            }
        }
        try {
            switch (schema.path("format").asText()) {
                case "uuid" -> UUID.fromString(s);
                case "date" -> LocalDate.parse(s);
                case "date-time" -> OffsetDateTime.parse(s);
                case "local-time" -> LocalTime.parse(s);
                default -> {
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(at + ": \"" + s + "\" is not a " + schema.path("format").asText());
        }
    }

    private static boolean allowsNull(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode each : t) {
                if ("null".equals(each.asText())) {
                    return true;
                }
            }
        }
        return schema.path("nullable").asBoolean(false) || t.isMissingNode() && !schema.has("properties");
    }
}
