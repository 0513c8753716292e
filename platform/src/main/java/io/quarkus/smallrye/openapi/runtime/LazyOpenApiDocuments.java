package io.quarkus.smallrye.openapi.runtime;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.smallrye.openapi.OpenApiFilter.RunStage;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ma.technopark.platform.openapi.Deferred;

/**
 * Builds an application's OpenAPI document when it is first asked for, not while the application starts.
 *
 * <p>Quarkus 3.33 parses its build-time document at every start, runs the run-time filters on it and serialises it
 * as JSON and YAML, whether or not anyone reads it: about 600 classes and 5 MiB in each service here, and CPU on the
 * start-up thread (bench/FINDINGS.md, "Start-up (3)"). Quarkus later made this lazy when no filter has to run at start-up
 * (quarkusio/quarkus#54826, fixed by pull request #55538, after the 3.33 line). This bean does the same until the
 * platform moves to such a version, and should be deleted then. It must live in Quarkus' package: the step it defers
 * ({@code prepareDocument}, called by Quarkus' recorder) is package-private, and overriding it takes the same class
 * loader as well. A packaged application has one for all its jars; dev and test modes load workspace modules such as
 * this one apart from Quarkus' jars, so there the bean is left out and Quarkus builds the document at start-up.
 *
 * <p>A document with filters that run at start-up is still built at start-up, as before (none is left: the gateway,
 * whose filter captured its own operations for the merge, now reads them from the build's document). The first reader of a deferred document builds it; readers meanwhile wait
 * for it, so no one is served a half-built or empty document.
 */
@Alternative
@Priority(1)
@ApplicationScoped
@Unremovable // Quarkus looks it up by its supertype only, which ArC's unused-bean removal does not see
@UnlessBuildProfile(anyOf = {"dev", "test"}) // there this jar and Quarkus' have class loaders of their own (see above)
public class LazyOpenApiDocuments extends OpenApiDocumentService {
    private static final Set<RunStage> AT_START_UP = Set.of(RunStage.RUN, RunStage.BOTH, RunStage.RUNTIME_STARTUP);

    private final Deferred<String> deferred = new Deferred<>();

    @Override
    void prepareDocument(AutoSecurityFilter autoSecurityFilter, Map<RunStage, List<String>> filtersByStage,
            String documentName) {
        if (hasStartUpFilters(filtersByStage)) {
            super.prepareDocument(autoSecurityFilter, filtersByStage, documentName);
        } else {
            deferred.defer(documentName, () -> super.prepareDocument(autoSecurityFilter, filtersByStage, documentName));
        }
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        deferred.runIfPending(documentName);
        return super.getDocument(documentName, format);
    }

    static boolean hasStartUpFilters(Map<RunStage, List<String>> filtersByStage) {
        return filtersByStage.entrySet().stream()
                .anyMatch(stage -> AT_START_UP.contains(stage.getKey()) && !stage.getValue().isEmpty());
    }
}
