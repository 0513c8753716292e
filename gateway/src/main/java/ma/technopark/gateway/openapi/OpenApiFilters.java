package ma.technopark.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import java.io.ByteArrayInputStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/** How the merged document reaches Quarkus' /q/openapi (JSON and YAML) and Swagger UI. */
public final class OpenApiFilters {
    private OpenApiFilters() {
    }

    /** On each request of the document: serves the current merge instead of the gateway's own operations alone. */
    @jakarta.inject.Singleton
    @OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
    public static class ServeMerged implements OASFilter {
        private final MergedDocument merged;

        public ServeMerged(MergedDocument merged) {
            this.merged = merged;
        }

        @Override
        public void filterOpenAPI(OpenAPI openAPI) {
            merged.awaitOwn();
            byte[] document = merged.current().json();
            if (document.length == 0) {
                return;
            }
            OpenAPI model = builder().withCustomStaticFile(() -> new ByteArrayInputStream(document)).build().model();
            openAPI.setOpenapi(model.getOpenapi());
            openAPI.setInfo(model.getInfo());
            openAPI.setServers(model.getServers());
            openAPI.setTags(model.getTags());
            openAPI.setPaths(model.getPaths());
            openAPI.setComponents(model.getComponents());
            openAPI.setSecurity(model.getSecurity());
            openAPI.setExtensions(model.getExtensions());
        }
    }

    private static SmallRyeOpenAPI.Builder builder() {
        return SmallRyeOpenAPI.builder().withConfig(ConfigProvider.getConfig())
                .enableModelReader(false).enableStandardStaticFiles(false).enableAnnotationScan(false).enableStandardFilter(false);
    }
}
