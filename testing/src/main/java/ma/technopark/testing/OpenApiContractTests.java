package ma.technopark.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation of a service's document has a summary, a tag, a success and a problem+json error response,
 * and examples in its request body; a paged list documents its page size's bounds and its Link header. A service's test extends it and adds {@code @QuarkusTest}.
 */
public abstract class OpenApiContractTests {

    /** How many operations the service has at least (a guard against an empty document). */
    protected abstract int minimumOperations();

    @Test
    void everyOperationIsDocumented() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Map<String, Map<String, Object>> schemas = doc.getMap("components.schemas");
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = op.getValue();
                if (operation.get("summary") == null || operation.get("summary").toString().isBlank()) {
                    problems.add(name + ": no summary");
                }
                if (!(operation.get("tags") instanceof List<?> tags) || tags.isEmpty()) {
                    problems.add(name + ": no tag");
                }
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                boolean documentedErrors = responses.entrySet().stream().anyMatch(r -> r.getKey().startsWith("4")
                        && String.valueOf(r.getValue().get("content")).contains("application/problem+json"));
                if (!documentedErrors) {
                    problems.add(name + ": no problem+json error response");
                }
                if (responses.keySet().stream().noneMatch(code -> code.startsWith("2") || code.equals("304"))) {
                    problems.add(name + ": no success response");
                }
                String parameters = String.valueOf(operation.get("parameters"));
                if (parameters.contains("name=cursor") && !(parameters.contains("maximum=100")
                        && String.valueOf(responses.get("200")).contains("Link"))) {
                    problems.add(name + ": a paged list without the page size's bounds or the Link header");
                }
                String body = String.valueOf(operation.get("requestBody"));
                if (body.contains("#/components/schemas/")) {
                    String schema = body.replaceAll("(?s).*#/components/schemas/([A-Za-z0-9_]+).*", "$1");
                    if (!String.valueOf(schemas.get(schema)).contains("example")) {
                        problems.add(name + ": request schema " + schema + " has no example");
                    }
                }
            }
        }
        assertTrue(operations >= minimumOperations(), "found " + operations + " operations");
        assertFalse(problems.stream().findAny().isPresent(), String.join("\n", problems));
    }
}
