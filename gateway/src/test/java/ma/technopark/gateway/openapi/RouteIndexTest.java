package ma.technopark.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteIndexTest {
    private final RouteIndex index = RouteIndex.of(json("""
            {"paths": {
              "/api/v1/sites": {"get": {"x-service": "sites-service"}, "post": {"x-service": "sites-service", "security": [{"bearer": []}]}},
              "/api/v1/sites/{id}": {"get": {"x-service": "sites-service"}, "put": {"x-service": "sites-service", "security": [{"bearer": []}]}},
              "/api/v1/sites/occupancy": {"get": {"x-service": "sites-service"}},
              "/api/v1/sites/{siteId}/spaces/{id}": {"get": {"x-service": "sites-service"}},
              "/api/v1/reports/{name}.csv": {"get": {"x-service": "startups-service"}},
              "/q/health": {"get": {"x-service": "gateway"}}
            }}"""));

    @Test
    void matchesTemplatesSegmentBySegment() {
        assertEquals("/api/v1/sites/{id}", index.match("GET", "/api/v1/sites/0192-abc").operation().template());
        assertEquals("/api/v1/sites/occupancy", index.match("GET", "/api/v1/sites/occupancy").operation().template(),
                "a literal segment wins over a parameter");
        assertEquals("/api/v1/sites/{siteId}/spaces/{id}", index.match("GET", "/api/v1/sites/a/spaces/b").operation().template());
        assertEquals("/api/v1/sites", index.match("HEAD", "/api/v1/sites").operation().template(), "HEAD is GET's");
        assertTrue(index.match("POST", "/api/v1/sites").operation().secured());
        assertEquals("/api/v1/reports/{name}.csv", index.match("GET", "/api/v1/reports/kpis.csv").operation().template());
    }

    @Test
    void oneTrailingSlashIsTheSamePath() {
        assertEquals("/api/v1/sites", index.match("GET", "/api/v1/sites/").operation().template());
        assertEquals("/api/v1/sites/{id}", index.match("PUT", "/api/v1/sites/abc/").operation().template());
        assertEquals(Set.of("GET", "PUT"), index.match("DELETE", "/api/v1/sites/abc/").allowed());
        assertFalse(index.match("GET", "/api/v1/").pathKnown());
    }

    @Test
    void refusesWhatNoTemplateHas() {
        assertFalse(index.match("GET", "/api/v1/sites//").pathKnown(), "a parameter is never empty");
        assertFalse(index.match("GET", "/api/v1/sites/a/b").pathKnown());
        assertFalse(index.match("GET", "/api/v1/sites/a/spaces/").pathKnown());
        assertFalse(index.match("GET", "/api/v1/sitesX").pathKnown());
        assertFalse(index.match("GET", "/api/v1/reports/kpis.json").pathKnown());
        assertFalse(index.match("GET", "/api/v1/nothing/here").pathKnown());
        RouteIndex.Match wrongMethod = index.match("DELETE", "/api/v1/sites/x");
        assertFalse(wrongMethod.found());
        assertEquals(Set.of("GET", "PUT"), wrongMethod.allowed());
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
