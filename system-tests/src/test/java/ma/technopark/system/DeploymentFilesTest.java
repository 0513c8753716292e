package ma.technopark.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import ma.technopark.contracts.Topics;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and the Kubernetes manifests hold what the apps expect, checked without a container engine. */
class DeploymentFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Platform.findRoot();
    /** Each service, the database it expects (the same names as the run command's) and its HTTP port. */
    private static final Map<String, String> DATABASES = Map.of(Platform.SITES, "sites", Platform.STARTUPS, "startups",
            Platform.PROGRAMS, "programs");

    /**
     * What a stop must leave an app: the time it lets requests in flight finish ({@code quarkus.shutdown.timeout}),
     * then its Kafka consumers' close: the events being handled commit (up to 5 s, EventInbox), and each channel
     * holding partitions waits twice its 1 s poll for records in flight and up to its 1 s commit interval for records it
     * will leave to the restart.
     */
    private static final long KAFKA_CLOSE_SECONDS = 15;

    private static Properties properties(String app) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve(app + "/src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static int httpPort(String app) throws IOException {
        return Integer.parseInt(properties(app).getProperty("quarkus.http.port"));
    }

    /** The seconds a stopping app may need: its requests in flight, then its consumers. */
    private static long stopSeconds(String app) throws IOException {
        String drain = properties(app).getProperty("quarkus.shutdown.timeout");
        assertTrue(drain != null && drain.matches("[0-9]+s"), app + " lets its requests in flight finish when stopped");
        return Long.parseLong(drain.substring(0, drain.length() - 1)) + KAFKA_CLOSE_SECONDS;
    }

    private static long seconds(String composeDuration) {
        return Duration.parse("PT" + composeDuration.toUpperCase()).toSeconds();
    }

    private static JsonNode compose() throws Exception {
        Tool.Result validated = Tool.run(ROOT, Duration.ofMinutes(1), "docker-compose", "-f", "docker-compose.yml", "config", "-q");
        assertEquals(0, validated.exitCode(), "docker-compose config -q: " + validated.output());
        Tool.Result resolved = Tool.run(ROOT, Duration.ofMinutes(1), "docker-compose", "-f", "docker-compose.yml", "config");
        assertEquals(0, resolved.exitCode(), resolved.output());
        return YAML.readTree(resolved.output());
    }

    @Test
    void theComposeFileIsValidAndHoldsEveryServicePortDatabaseAndTopic() throws Exception {
        JsonNode services = compose().path("services");
        String init = Files.readString(ROOT.resolve("deploy/compose/init-databases.sql"));
        for (Map.Entry<String, String> app : DATABASES.entrySet()) {
            JsonNode service = services.path(app.getKey());
            assertFalse(service.isMissingNode(), app.getKey());
            int port = httpPort(app.getKey());
            assertEquals("jdbc:postgresql://postgres:5432/" + app.getValue(),
                    service.at("/environment/QUARKUS_DATASOURCE_JDBC_URL").asText(), app.getKey());
            assertTrue(init.contains("CREATE DATABASE " + app.getValue() + ";"), "the database " + app.getValue() + " is created");
            assertEquals("kafka:9092", service.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText());
            assertTrue(service.path("expose").toString().contains(String.valueOf(port)), app.getKey() + " exposes " + port);
            assertTrue(service.at("/healthcheck/test").toString().contains(":" + port + "/q/health/ready"), app.getKey());
            assertEquals("service_healthy", service.at("/depends_on/postgres/condition").asText());
            assertEquals("service_completed_successfully", service.at("/depends_on/kafka-topics/condition").asText());
            assertTrue(service.path("ports").isMissingNode(), app.getKey() + " publishes no port");
            assertEquals(2, service.at("/deploy/replicas").asInt(), app.getKey() + " runs two replicas");
            assertTrue(Files.isRegularFile(ROOT.resolve(app.getKey() + "/src/main/docker/Dockerfile.jvm")));
            JsonNode gatewayUrl = services.at("/gateway/environment/TECHNOPARK_GATEWAY_BACKENDS_"
                    + app.getValue().toUpperCase() + "_URL");
            assertEquals("http://" + app.getKey() + ":" + port, gatewayUrl.asText());
            assertEquals("service_healthy", services.at("/gateway/depends_on/" + app.getKey() + "/condition").asText());
        }
        assertEquals("http://sites-service:" + httpPort(Platform.SITES),
                services.at("/programs-service/environment/TECHNOPARK_SITES_URL").asText());
        JsonNode gatewayPorts = services.at("/gateway/ports");
        assertEquals(1, gatewayPorts.size());
        assertEquals(httpPort(Platform.GATEWAY), gatewayPorts.get(0).path("target").asInt());
        assertEquals(2, services.at("/postgres/volumes").size());
        assertTrue(services.at("/kafka/image").asText().startsWith("apache/kafka:"));
        String topics = services.at("/kafka-topics/command").toString();
        for (String topic : Topics.ALL) {
            assertTrue(topics.contains(topic), topic + " is created");
        }
        assertTrue(topics.contains(".dlq"), "dead-letter topics are created");
        Set<String> published = new HashSet<>();
        services.fields().forEachRemaining(s -> {
            if (s.getValue().has("ports")) {
                published.add(s.getKey());
            }
        });
        assertEquals(Set.of("gateway"), published, "only the gateway's port is published");
        for (String app : List.of(Platform.SITES, Platform.STARTUPS, Platform.PROGRAMS, Platform.GATEWAY)) {
            assertTrue(seconds(services.at("/" + app + "/stop_grace_period").asText("10s")) >= stopSeconds(app),
                    app + " has time to stop before Docker kills it");
        }
    }

    @Test
    void everyDeploymentRunsTwoReplicasWithProbesAndLimits() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path file : list.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                files.add(file.getFileName().toString());
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.forEachRemaining(d -> {
                        if (!d.isNull() && !d.isMissingNode()) {
                            documents.add(d);
                        }
                    });
                }
            }
        }
        Set<String> deployments = new HashSet<>();
        Set<String> services = new HashSet<>();
        for (JsonNode d : documents) {
            assertFalse("Secret".equals(d.path("kind").asText()), "no Secret is committed");
            if ("Deployment".equals(d.path("kind").asText())) {
                String name = d.at("/metadata/name").asText();
                deployments.add(name);
                assertEquals(2, d.at("/spec/replicas").asInt(), name);
                assertTrue(d.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30) >= stopSeconds(name),
                        name + " has time to stop before Kubernetes kills it");
                for (JsonNode c : d.at("/spec/template/spec/containers")) {
                    assertTrue(c.at("/readinessProbe/httpGet/path").asText().startsWith("/q/health/ready"), name);
                    assertTrue(c.at("/livenessProbe/httpGet/path").asText().startsWith("/q/health/live"), name);
                    for (String kind : List.of("requests", "limits")) {
                        assertFalse(c.at("/resources/" + kind + "/cpu").isMissingNode(), name + " " + kind);
                        assertFalse(c.at("/resources/" + kind + "/memory").isMissingNode(), name + " " + kind);
                    }
                    assertFalse(c.toString().matches("(?i).*password\"\\s*:\\s*\"[^\"$]+\".*"), name + " holds no password value");
                }
            } else if ("Service".equals(d.path("kind").asText())) {
                services.add(d.at("/metadata/name").asText());
            } else if ("Kustomization".equals(d.path("kind").asText())) {
                Set<String> listed = new HashSet<>();
                d.path("resources").forEach(r -> listed.add(r.asText()));
                Set<String> expected = new HashSet<>(files);
                expected.remove("kustomization.yaml");
                assertEquals(expected, listed, "kustomization.yaml lists every manifest");
            }
        }
        assertEquals(Set.of(Platform.SITES, Platform.STARTUPS, Platform.PROGRAMS, Platform.GATEWAY), deployments);
        assertEquals(deployments, services, "each Deployment has its Service");
    }
}
