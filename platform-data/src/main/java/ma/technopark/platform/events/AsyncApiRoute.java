package ma.technopark.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import ma.technopark.contracts.AsyncApiDocument;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /q/asyncapi}: the AsyncAPI document of the events this service publishes (JSON; YAML with
 * {@code ?format=yaml}), next to its OpenAPI document. The gateway merges the three services' documents. Each form
 * is written when first asked for, not while the service starts (YAML alone loads a hundred classes).
 */
@ApplicationScoped
public class AsyncApiRoute {
    private final EventsConfig config;
    private final ObjectMapper mapper;
    private final String name;
    private volatile byte[] json;
    private volatile byte[] yaml;

    public AsyncApiRoute(EventsConfig config, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "service") String name) {
        this.config = config;
        this.mapper = mapper;
        this.name = name;
    }

    void route(@Observes Router router) {
        router.get("/q/asyncapi").blockingHandler(ctx -> {
            boolean asYaml = "yaml".equalsIgnoreCase(ctx.request().getParam("format"));
            try {
                byte[] body = asYaml ? yaml() : json();
                ctx.response().putHeader("Content-Type", asYaml ? "application/yaml" : "application/json")
                        .end(Buffer.buffer(body));
            } catch (JsonProcessingException e) {
                ctx.fail(e);
            }
        });
    }

    private byte[] json() throws JsonProcessingException {
        byte[] written = json;
        if (written == null) { // two first readers at once both write it: the same bytes
            written = json = mapper.writeValueAsBytes(document());
        }
        return written;
    }

    private byte[] yaml() throws JsonProcessingException {
        byte[] written = yaml;
        if (written == null) {
            written = yaml = new ObjectMapper(new YAMLFactory()).writeValueAsBytes(document());
        }
        return written;
    }

    private ObjectNode document() {
        return AsyncApiDocument.of("Technopark " + name + " events",
                "The events " + name + " publishes through its transactional outbox, as structured CloudEvents.",
                List.of(config.topic()));
    }
}
