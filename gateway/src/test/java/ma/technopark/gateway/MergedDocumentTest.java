package ma.technopark.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one document at /q/openapi: the services' operations, the gateway's own, merged without ambiguity. */
@QuarkusTest
@QuarkusTestResource(StandInBackends.class)
class MergedDocumentTest {

    @BeforeEach
    void documentsKnown() {
        GatewayTests.awaitDocuments();
    }

    @Test
    void mergesEveryServicesOperationsWithTheGatewaysOwn() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("servers[0].url", equalTo("/"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/sites'.get.x-service", equalTo("sites-service"))
                .body("paths.'/api/v1/startups'.get.x-service", equalTo("startups-service"))
                .body("paths.'/api/v1/network/dashboard'.get.x-service", equalTo("gateway"))
                .body("paths.'/api/v1/network/coverage'.get.x-service", equalTo("sites-service"))
                // public operations say so; protected ones keep their requirement
                .body("paths.'/api/v1/sites'.get.security.size()", equalTo(0))
                .body("paths.'/api/v1/sites'.post.security[0].bearer", hasItem("admin"))
                // Status means two things in two services: each gets its own name, and the references follow
                .body("components.schemas.Status", nullValue())
                .body("components.schemas.SitesStatus.enum", hasItems("A", "B"))
                .body("components.schemas.StartupsStatus.enum", hasItems("X", "Y"))
                .body("components.schemas.SitesThing.properties.status.$ref", equalTo("#/components/schemas/SitesStatus"))
                // identical definitions are shared under their own name
                .body("components.schemas.Coordinates.properties.lat.type", equalTo("number"))
                .body("components.schemas.SitesThing.properties.where.$ref", equalTo("#/components/schemas/Coordinates"))
                // a tag used by two services is qualified; tags are grouped per service
                .body("tags.name", hasItems("Sites", "Network figures (sites-service)", "Network figures (startups-service)", "Dashboard"))
                .body("x-tagGroups.name", hasItems("gateway", "sites-service", "startups-service"))
                .body("paths.'/api/v1/startup-figures'.get.tags[0]", equalTo("Network figures (startups-service)"))
                // the service that is down is named, not silently missing
                .body("x-unavailable", hasItem("programs-service"));
    }

    @Test
    void servesYamlAndSwaggerUi() {
        given().get("/q/openapi?format=yaml").then().statusCode(200).body(containsString("/api/v1/network/dashboard:"))
                .body(containsString("x-service: sites-service"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    }
}
