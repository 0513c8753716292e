package ma.technopark.platform.http;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.problem.Problem;

/**
 * An unknown query parameter is a 400 naming it, not silently ignored; so is a value holding a NUL character, which
 * no field accepts and PostgreSQL cannot even compare (refused here, before a streamed answer has begun).
 */
@Provider
public class UnknownQueryParameters implements ContainerRequestFilter {
    private static final Map<Method, Set<String>> KNOWN = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> known = KNOWN.computeIfAbsent(method, UnknownQueryParameters::declared);
        Set<String> unknown = new TreeSet<>(request.getUriInfo().getQueryParameters().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            List<Problem.FieldError> errors = unknown.stream()
                    .map(p -> new Problem.FieldError(p, "is not a parameter of this operation")).toList();
            throw new ApiException(400, "validation", "Invalid request",
                    "Unknown query parameter(s): " + String.join(", ", unknown)
                            + (known.isEmpty() ? "" : "; accepted: " + String.join(", ", new TreeSet<>(known))),
                    errors);
        }
        List<Problem.FieldError> nul = request.getUriInfo().getQueryParameters().entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0))
                .map(e -> new Problem.FieldError(e.getKey(), "must not contain a NUL character")).toList();
        if (!nul.isEmpty()) {
            throw new ApiException(400, "validation", "Invalid request", "A query parameter holds a NUL character", nul);
        }
    }

    private static Set<String> declared(Method method) {
        Set<String> names = new HashSet<>();
        for (Parameter p : method.getParameters()) {
            QueryParam q = p.getAnnotation(QueryParam.class);
            if (q != null) {
                names.add(q.value());
            }
            if (p.getAnnotation(BeanParam.class) != null) {
                for (Class<?> c = p.getType(); c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        QueryParam fq = f.getAnnotation(QueryParam.class);
                        if (fq != null) {
                            names.add(fq.value());
                        }
                    }
                }
            }
        }
        return Set.copyOf(names);
    }
}
