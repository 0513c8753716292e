package ma.technopark.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operations of the merged document, looked up by method and concrete path: which service owns a request and
 * whether it needs a token. Paths are indexed by their first segment after {@code /api/v1/}.
 */
public final class RouteIndex {
    public static final String PREFIX = "/api/v1/";
    public static final RouteIndex EMPTY = new RouteIndex(Map.of(), Set.of());

    /** What a request matched: an operation, a known path with another method, or nothing. */
    public record Match(Operation operation, Set<String> allowed) {
        public boolean found() {
            return operation != null;
        }

        public boolean pathKnown() {
            return operation != null || !allowed.isEmpty();
        }
    }

    /** One operation: its owner (a backend name, or "gateway") and whether it needs a token. */
    public record Operation(String method, String template, String owner, boolean secured) {
    }

    /**
     * A path template as its segments, a {@code null} standing for a parameter ({@code [^/]+}): matched segment by
     * segment, with no regular expression on the request's path (this runs for every request at the gateway).
     */
    private record PathEntry(String template, String[] segments, Pattern[] mixed, int literalLength,
            Map<String, Operation> byMethod) {
        boolean matches(String path) {
            int at = 0;
            int length = path.length();
            for (int i = 0; i < segments.length; i++) {
                if (at >= length || path.charAt(at) != '/') {
                    return false;
                }
                int end = path.indexOf('/', at + 1);
                if (end < 0) {
                    end = length;
                }
                String literal = segments[i];
                if (mixed[i] != null) {
                    if (!mixed[i].matcher(path.substring(at + 1, end)).matches()) {
                        return false;
                    }
                } else if (literal == null ? end == at + 1 : !path.regionMatches(at + 1, literal, 0, literal.length())
                        || end - at - 1 != literal.length()) {
                    return false;
                }
                at = end;
            }
            return at == length;
        }
    }

    private final Map<String, List<PathEntry>> bySegment;
    private final Set<String> owners;

    private RouteIndex(Map<String, List<PathEntry>> bySegment, Set<String> owners) {
        this.bySegment = bySegment;
        this.owners = owners;
    }

    /** Indexes a merged document whose operations carry {@code x-service}. */
    public static RouteIndex of(JsonNode merged) {
        Map<String, List<PathEntry>> bySegment = new HashMap<>();
        Set<String> owners = new HashSet<>();
        merged.path("paths").fields().forEachRemaining(path -> {
            String template = path.getKey();
            if (!template.startsWith(PREFIX)) {
                return;
            }
            Map<String, Operation> byMethod = new HashMap<>();
            path.getValue().fields().forEachRemaining(op -> {
                JsonNode service = op.getValue().get(DocumentMerger.SERVICE_EXTENSION);
                if (service == null) {
                    return;
                }
                String owner = service.asText().replaceFirst("-service$", "");
                owners.add(owner);
                JsonNode security = op.getValue().path("security");
                boolean secured = security.isArray() && security.size() > 0;
                String method = op.getKey().toUpperCase(Locale.ROOT);
                byMethod.put(method, new Operation(method, template, owner, secured));
            });
            if (!byMethod.isEmpty()) {
                bySegment.computeIfAbsent(segment(template), k -> new ArrayList<>())
                        .add(entry(template, byMethod));
            }
        });
        // More literal paths first, so that /sites/occupancy wins over /sites/{id}.
        bySegment.values().forEach(list -> list.sort((a, b) -> Integer.compare(b.literalLength(), a.literalLength())));
        return new RouteIndex(bySegment, owners);
    }

    /** The first segment after /api/v1/, or null for a path outside it. */
    public static String segment(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /**
     * "/api/v1/sites/{id}" as ["api", "v1", "sites", null]; a segment that mixes text and parameters
     * ("{name}.csv") gets a pattern of its own.
     */
    private static PathEntry entry(String template, Map<String, Operation> byMethod) {
        String[] parts = template.substring(1).split("/", -1);
        Pattern[] mixed = new Pattern[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.indexOf('}') == part.length() - 1) {
                parts[i] = null;
            } else if (part.contains("{")) {
                StringBuilder regex = new StringBuilder();
                for (String piece : part.split("(?=\\{)|(?<=})")) {
                    regex.append(piece.startsWith("{") && piece.endsWith("}") ? "[^/]+" : Pattern.quote(piece));
                }
                mixed[i] = Pattern.compile(regex.toString());
            }
        }
        return new PathEntry(template, parts, mixed, template.replaceAll("\\{[^}]+}", "").length(), byMethod);
    }

    /** The services whose operations this index holds. */
    public Set<String> owners() {
        return Collections.unmodifiableSet(owners);
    }

    /** The owner of the operations under a first segment, or null when the document has none. */
    public String ownerOfSegment(String segment) {
        List<PathEntry> entries = bySegment.get(segment);
        return entries == null ? null : entries.get(0).byMethod().values().iterator().next().owner();
    }

    public Set<String> segments() {
        return Collections.unmodifiableSet(bySegment.keySet());
    }

    /**
     * The operation a request is for. One trailing slash is the same path ({@code /api/v1/sites/} is the list of
     * sites), as at the services, whose REST layer ignores it: a caller gets the same answer through the gateway as
     * from the service itself.
     */
    public Match match(String method, String path) {
        if (path.length() > PREFIX.length() && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<PathEntry> entries = bySegment.get(segment(path));
        if (entries == null) {
            return new Match(null, Set.of());
        }
        String wanted = "HEAD".equals(method) ? "GET" : method;
        Set<String> allowed = null; // only built for a 405
        for (PathEntry entry : entries) {
            if (entry.matches(path)) {
                Operation op = entry.byMethod().get(wanted);
                if (op != null) {
                    return new Match(op, Set.of());
                }
                if (allowed == null) {
                    allowed = new HashSet<>();
                }
                allowed.addAll(entry.byMethod().keySet());
            }
        }
        return new Match(null, allowed == null ? Set.of() : allowed);
    }
}
