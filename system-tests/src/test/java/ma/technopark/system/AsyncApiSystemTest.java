package ma.technopark.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ma.technopark.contracts.EventCatalog;
import ma.technopark.infra.Infra;
import ma.technopark.infra.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The AsyncAPI document the gateway serves: valid for the AsyncAPI CLI, and exactly the events the outboxes can emit. */
@ExtendWith(PlatformExtension.class)
class AsyncApiSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !given().baseUri(PlatformExtension.gateway()).get("/q/asyncapi").asString().contains("x-unavailable"));
        return JSON.readTree(given().baseUri(PlatformExtension.gateway()).get("/q/asyncapi").then().statusCode(200)
                .contentType("application/json").extract().asByteArray());
    }

    private static Set<String> messages(JsonNode doc) {
        Set<String> names = new TreeSet<>();
        doc.at("/components/messages").forEach(m -> names.add(m.path("name").asText()));
        return names;
    }

    @Test
    void theDocumentValidatesWithTheAsyncApiCli() throws Exception {
        Path file = PlatformExtension.platform().root().resolve("system-tests/target/asyncapi.json");
        Files.createDirectories(file.getParent());
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document()));
        Tool.Result result = Tool.run(PlatformExtension.platform().root().resolve("tools"), Duration.ofMinutes(3),
                "node_modules/.bin/asyncapi", "validate", file.toString());
        Files.writeString(file.resolveSibling("asyncapi-validate.txt"), result.output());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("is valid"), result.output());
        assertTrue(result.output().contains("0 errors"), result.output());
        given().baseUri(PlatformExtension.gateway()).get("/q/asyncapi?format=yaml").then().statusCode(200)
                .contentType("application/yaml");
    }

    @Test
    void itListsExactlyTheEventTypesTheOutboxesCanEmit() throws Exception {
        Set<String> listed = messages(document());
        Set<String> catalog = new TreeSet<>();
        EventCatalog.all().forEach(t -> catalog.add(t.fullType()));
        // the outboxes refuse any type outside the catalog (DomainEvents), and the document lists the whole catalog
        assertEquals(catalog, listed);
        // and every type the services actually emitted while the system tests ran is in the document
        Infra infra = PlatformExtension.platform().infra();
        Set<String> emitted = new TreeSet<>();
        for (String db : new String[] {"sites", "startups", "programs"}) {
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl(db), infra.username(), infra.password());
                 ResultSet rs = c.createStatement().executeQuery("SELECT DISTINCT type FROM outbox_event")) {
                while (rs.next()) {
                    emitted.add(rs.getString(1));
                }
            }
        }
        assertTrue(!emitted.isEmpty(), "events were emitted");
        assertTrue(listed.containsAll(emitted), "emitted but not documented: " + new TreeSet<>(emitted) + " vs " + listed);
        // each service documents its own topic
        for (Map.Entry<String, String> service : Map.of(Platform.SITES, "sitesEvents", Platform.STARTUPS, "startupsEvents",
                Platform.PROGRAMS, "programsEvents").entrySet()) {
            JsonNode own = JSON.readTree(given().baseUri(PlatformExtension.platform().app(service.getKey()).url())
                    .get("/q/asyncapi").asByteArray());
            assertEquals(Set.of(service.getValue()), Set.copyOf(iterable(own.path("channels").fieldNames())));
        }
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> names) {
        java.util.List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
