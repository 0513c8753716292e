package ma.technopark.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares, on every operation, the problem+json error responses the platform can give it, so that the
 * document tells the truth about errors without each resource repeating them.
 *
 * <p>It runs when the application is built: the document it leaves is the one packaged, so a service does not
 * build its document again when it starts (see {@code LazyOpenApiDocuments}). An application whose operations
 * declare their own answers turns it off with {@code technopark.openapi.problem-responses=false} (the gateway: its
 * merge declares the answers the edge gives).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue("technopark.openapi.problem-responses", Boolean.class)
                .orElse(true);
        if (!enabled || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        declareProblemSchema(openAPI);
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean hasId = path.getKey().contains("{");
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                Operation op = entry.getValue();
                PathItem.HttpMethod method = entry.getKey();
                APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
                boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
                add(responses, "400", "Invalid input (the errors array names each field)");
                if (secured) {
                    add(responses, "401", "No, expired or invalid bearer token");
                    add(responses, "403", "The token's role or scope does not allow this");
                }
                // a path's id, or an id the body or the query names (a site, a programme, a cohort...)
                add(responses, "404", hasId ? "No such resource" : "No such resource among those the request names");
                if (method != PathItem.HttpMethod.GET) {
                    add(responses, "409", "A rule refuses it (capacity, slot taken, illegal transition)");
                    add(responses, "413", "Body too large");
                    add(responses, "415", "Body is not application/json");
                }
                if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH
                        || method == PathItem.HttpMethod.DELETE) {
                    add(responses, "412", "If-Match is stale: the resource changed");
                    add(responses, "428", "If-Match is required");
                }
                if (method == PathItem.HttpMethod.POST) {
                    add(responses, "422", "Idempotency-Key reused with a different body");
                }
                add(responses, "429", "Rate limited; see Retry-After");
                add(responses, "503", "A dependency is unavailable; retry later");
                op.setResponses(responses);
            }
        }
    }

    private static void declareProblemSchema(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() != null && openAPI.getComponents().getSchemas().containsKey("Problem")) {
            return;
        }
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", string("The invalid field, e.g. name.fr"))
                .addProperty("message", string("What is wrong with it"));
        Schema problem = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", string("URI naming the kind of problem"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("instance", string("The request path"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(fieldError))
                .required(List.of("type", "title", "status"));
        openAPI.getComponents().addSchema("Problem", problem);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static void add(APIResponses responses, String status, String description) {
        MediaType media = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
        Content content = OASFactory.createContent().addMediaType("application/problem+json", media);
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null) {
            if (existing.getContent() == null || existing.getContent().getMediaTypes() == null
                    || existing.getContent().getMediaTypes().isEmpty()) {
                existing.setContent(content); // e.g. the 400/401/403 SmallRye declares without a body
            }
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(content));
    }
}
