package ma.technopark.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import ma.technopark.contracts.AsyncApiDocument;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /q/asyncapi}: the AsyncAPI document of the events this service publishes (JSON; YAML with
 * {@code ?format=yaml}), next to its OpenAPI document. The gateway merges the three services' documents.
 */
@ApplicationScoped
public class AsyncApiRoute {
    private final byte[] json;
    private final byte[] yaml;

    public AsyncApiRoute(EventsConfig config, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "service") String name) throws Exception {
        ObjectNode doc = AsyncApiDocument.of("Technopark " + name + " events",
                "The events " + name + " publishes through its transactional outbox, as structured CloudEvents.",
                List.of(config.topic()));
        this.json = mapper.writeValueAsBytes(doc);
        this.yaml = new ObjectMapper(new YAMLFactory()).writeValueAsBytes(doc);
    }

    void route(@Observes Router router) {
        router.get("/q/asyncapi").handler(ctx -> {
            boolean asYaml = "yaml".equalsIgnoreCase(ctx.request().getParam("format"));
            ctx.response().putHeader("Content-Type", asYaml ? "application/yaml" : "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(asYaml ? yaml : json));
        });
    }
}
