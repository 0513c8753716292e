package ma.technopark.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import ma.technopark.platform.paging.PageRequest;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents every cursor-paginated list the same way (an operation that takes {@code limit} and {@code cursor}):
 * the page size's bounds and default, what the cursor is, and the {@code Link} header of the next page. Without
 * it each resource described them, or did not (only the sites' list did).
 *
 * <p>Like {@link ProblemResponses}, it runs when the application is built.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PagingParameters implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getOperations().entrySet()) {
                if (entry.getKey() == PathItem.HttpMethod.GET && paged(entry.getValue())) {
                    document(entry.getValue());
                }
            }
        }
    }

    private static boolean paged(Operation op) {
        List<Parameter> parameters = op.getParameters() == null ? List.of() : op.getParameters();
        return parameters.stream().anyMatch(p -> query(p, "limit")) && parameters.stream().anyMatch(p -> query(p, "cursor"));
    }

    private static boolean query(Parameter p, String name) {
        return p.getIn() == Parameter.In.QUERY && name.equals(p.getName());
    }

    private static void document(Operation op) {
        for (Parameter p : op.getParameters()) {
            if (query(p, "limit")) {
                p.description("Items per page, 1 to " + PageRequest.MAX_LIMIT + " (default " + PageRequest.DEFAULT_LIMIT + ")");
                // a schema of its own: the one SmallRye gave may be shared with other integer parameters
                p.schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                        .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(PageRequest.MAX_LIMIT))
                        .defaultValue(PageRequest.DEFAULT_LIMIT));
            } else if (query(p, "cursor")) {
                p.description("Where the page starts: the previous page's next (opaque). None for the first page.");
            }
        }
        APIResponse ok = op.getResponses() == null ? null : op.getResponses().getAPIResponse("200");
        if (ok != null && (ok.getHeaders() == null || !ok.getHeaders().containsKey("Link"))) {
            ok.addHeader("Link", OASFactory.createHeader()
                    .description("<the next page's URL>; rel=\"next\", when there is a next page")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        }
    }
}
