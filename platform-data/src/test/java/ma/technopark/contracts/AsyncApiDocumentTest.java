package ma.technopark.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {

    @Test
    void listsEveryCatalogedEventOnItsTopicsChannelWithAnExample() throws Exception {
        JsonNode doc = AsyncApiDocument.of("t", "d", Topics.ALL);
        Set<String> names = new HashSet<>();
        doc.at("/components/messages").forEach(m -> names.add(m.path("name").asText()));
        Set<String> catalog = new HashSet<>();
        EventCatalog.all().forEach(t -> catalog.add(t.fullType()));
        assertEquals(catalog, names);
        assertEquals(3, doc.path("channels").size());
        assertEquals("technopark.sites.v1", doc.at("/channels/sitesEvents/address").asText());
        JsonNode allocated = doc.at("/components/messages/sitesHostingAllocated");
        assertEquals("ma.technopark.sites.hosting.allocated", allocated.at("/payload/properties/type/const").asText());
        assertTrue(allocated.at("/payload/properties/data/properties/seats").isObject());
        assertEquals("ma.technopark.sites.hosting.allocated", allocated.at("/examples/0/payload/type").asText());
        Path out = Path.of("target/asyncapi-all-topics.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
    }

    @Test
    void theCatalogRefusesUnlistedTypesAndOtherServicesTopics() {
        assertEquals("sites.site.registered", EventCatalog.require("ma.technopark.sites.site.registered", Topics.SITES).type());
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.require("sites.nothing.happened", Topics.SITES));
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.require("sites.site.registered", Topics.STARTUPS));
    }
}
