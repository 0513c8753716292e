package ma.technopark.gateway.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code GET /q/asyncapi}: every event of the platform in one AsyncAPI 3.0 document (JSON; YAML with ?format=yaml). */
@ApplicationScoped
public class AsyncApiRoute {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final MergedDocument merged;
    private final ObjectMapper json;

    public AsyncApiRoute(MergedDocument merged, ObjectMapper json) {
        this.merged = merged;
        this.json = json;
    }

    void route(@Observes Router router) {
        router.get("/q/asyncapi").handler(ctx -> {
            boolean asYaml = "yaml".equalsIgnoreCase(ctx.request().getParam("format"));
            try {
                byte[] body = (asYaml ? YAML : json).writeValueAsBytes(merged.current().events());
                ctx.response().putHeader("Content-Type", asYaml ? "application/yaml" : "application/json")
                        .end(io.vertx.core.buffer.Buffer.buffer(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                ctx.fail(e);
            }
        });
    }
}
