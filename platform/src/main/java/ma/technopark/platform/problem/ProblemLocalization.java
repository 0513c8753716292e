package ma.technopark.platform.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every problem a JAX-RS resource or mapper answers gets its title in the caller's language (fr, ar, en). */
public class ProblemLocalization {

    @ServerResponseFilter
    public void localize(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem) {
            Locale locale = ProblemLanguage.resolve(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
            response.setEntity(ProblemLanguage.localize(problem, locale));
            response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        }
    }
}
