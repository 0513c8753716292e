package ma.technopark.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become {@code application/problem+json}. Nothing internal leaves the
 * process: no stack trace, SQL, or class name; a 500 carries only an error id that is in the log.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** The annotations that bind a resource method's parameter to a part of the request other than its body. */
    private static final Set<Class<? extends Annotation>> REQUEST_PARTS = Set.of(QueryParam.class, PathParam.class,
            HeaderParam.class, CookieParam.class, FormParam.class, MatrixParam.class, BeanParam.class, Context.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpHeaders headers) {
        Locale locale = locale(headers);
        return Problems.response(e.status(), e.type(), e.title(), e.detail(locale), path(uri), e.errors(locale));
    }

    private static Locale locale(HttpHeaders headers) {
        return ProblemLanguage.resolve(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    public Response validation(ConstraintViolationException e, UriInfo uri, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v, method), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return Problems.response(400, "validation", "Invalid request", detail, path(uri), errors);
    }

    /**
     * Quarkus REST's built-in validation mapper is registered for {@link ValidationException}; a mapper of the
     * same type replaces it (a mapper of a subtype would not be called).
     */
    @ServerExceptionMapper(priority = 1)
    public Response validationException(ValidationException e, UriInfo uri, HttpHeaders headers, ResourceInfo resource) {
        if (e instanceof ConstraintViolationException violations) {
            return validation(violations, uri, resource);
        }
        return internal(e, uri, locale(headers));
    }

    /** Replaces Quarkus REST Jackson's built-in (non-problem) mappers of these subtypes. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        return json(e, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e, UriInfo uri, HttpHeaders headers) {
        return json(e, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        Locale locale = locale(headers);
        String field = e instanceof JsonMappingException m ? jsonPath(m) : null;
        if (field == null || field.isEmpty() || isSyntaxError(e)) {
            return Problems.response(400, "malformed-json", "Malformed JSON",
                    ProblemLanguage.detail("malformed-json", locale, location(e)), path(uri), List.of());
        }
        String message = e instanceof MismatchedInputException m && m.getTargetType() != null
                ? new UnconvertedParameter(field, m.getTargetType()).message(locale)
                : ProblemLanguage.detail("wrong-type", locale);
        return Problems.response(400, "validation", "Invalid request", field + ": " + message, path(uri),
                List.of(new Problem.FieldError(field, message)));
    }

    private static Response unconverted(ResourceInfo resource, UriInfo uri, Locale locale) {
        Optional<UnconvertedParameter> bad = UnconvertedParameter.find(resource == null ? null : resource.getResourceMethod(), uri);
        if (bad.isEmpty()) {
            return Problems.response(400, "bad-request", "Bad request", ProblemLanguage.detail("unreadable", locale),
                    path(uri), List.of());
        }
        String message = bad.get().message(locale);
        String name = bad.get().name();
        return Problems.response(400, "validation", "Invalid request", name + ": " + message, path(uri),
                List.of(new Problem.FieldError(name, message)));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return unauthorized(uri, locale(headers));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return unauthorized(uri, locale(headers));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return Problems.response(403, "forbidden", "Forbidden", ProblemLanguage.detail("role", locale(headers)),
                path(uri), List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers, ResourceInfo resource) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri, headers);
        }
        Locale locale = locale(headers);
        if (status == 404 && e.getCause() != null) {
            // JAX-RS answers 404 when a query or path parameter does not convert (an int, a date, an enum): for an
            // API that is a bad request naming the parameter, not a missing resource
            return unconverted(resource, uri, locale);
        }
        return switch (status) {
            case 400 -> Problems.response(400, "bad-request", "Bad request", ProblemLanguage.detail("unreadable", locale),
                    path(uri), List.of());
            case 404 -> Problems.response(404, "not-found", "Not found", ProblemLanguage.detail("no-resource", locale, path(uri)),
                    path(uri), List.of());
            case 405 -> withAllow(Problems.response(405, "method-not-allowed", "Method not allowed",
                    ProblemLanguage.detail("method", locale), path(uri), List.of()), e);
            case 406 -> Problems.response(406, "not-acceptable", "Not acceptable",
                    ProblemLanguage.detail("not-acceptable", locale), path(uri), List.of());
            case 413 -> Problems.response(413, "payload-too-large", "Payload too large",
                    ProblemLanguage.detail("too-large", locale, "1048576"), path(uri), List.of());
            case 415 -> Problems.response(415, "unsupported-media-type", "Unsupported media type",
                    ProblemLanguage.detail("media-type", locale), path(uri), List.of());
            default -> {
                if (status >= 500) {
                    yield internal(e, uri, locale);
                }
                yield Problems.response(status, "http-" + status, Response.Status.fromStatusCode(status) == null
                        ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(), null, path(uri), List.of());
            }
        };
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (Problems.isDatabaseUnavailable(e)) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return Problems.response(503, "unavailable", "Service unavailable",
                    ProblemLanguage.detail("dependency", locale(headers)), path(uri), List.of());
        }
        if (Problems.isClientGone(e)) {
            // the caller closed the connection while its answer was being written (e.g. during an export)
            LOG.debugf("client gone on %s: %s", path(uri), e.getMessage());
            return Response.status(499).build();
        }
        if (Problems.isConcurrentChange(e)) {
            // two requests changed the same row at once: the loser retries, nothing was written
            return Problems.response(409, "concurrent-change", "Changed concurrently",
                    ProblemLanguage.detail("concurrent-change", locale(headers)), path(uri), List.of());
        }
        if (Problems.isDuplicate(e)) {
            // two requests created the same thing at once and a unique constraint refused the later one
            LOG.debugf("duplicate refused by the database: %s", e.getMessage());
            return Problems.response(409, "duplicate", "Already exists",
                    ProblemLanguage.detail("duplicate", locale(headers)), path(uri), List.of());
        }
        if (Problems.isRejectedValue(e)) {
            LOG.debugf("value refused by the database: %s", e.getMessage());
            return Problems.response(400, "invalid-value", "Invalid value",
                    ProblemLanguage.detail("invalid-value", locale(headers)), path(uri), List.of());
        }
        return internal(e, uri, locale(headers));
    }

    private static Response internal(Throwable e, UriInfo uri, Locale locale) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, path(uri));
        return Problems.response(500, "internal", "Internal error", ProblemLanguage.detail("internal", locale, id),
                path(uri), List.of());
    }

    private static Response unauthorized(UriInfo uri, Locale locale) {
        Response r = Problems.response(401, "unauthorized", "Unauthorized",
                ProblemLanguage.detail("token-required", locale), path(uri), List.of());
        return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
    }

    private static Response withAllow(Response r, WebApplicationException e) {
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? r : Response.fromResponse(r).header("Allow", allow).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static boolean isSyntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException) {
                return true;
            }
        }
        return false;
    }

    private static String jsonPath(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    /**
     * {@code create.request.name.fr} → {@code name.fr}; a query parameter keeps its own name; the body itself (say,
     * none was sent) is {@code body}, whatever the resource method calls its parameter.
     */
    static String field(ConstraintViolation<?> v, Method method) {
        List<String> parts = new ArrayList<>();
        boolean inParameter = false;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                inParameter = true;
                parts.add(isBody(method, node.as(Path.ParameterNode.class).getParameterIndex()) ? "body" : node.getName());
                continue;
            }
            if (inParameter && node.getKind() != ElementKind.PARAMETER) {
                parts.clear(); // a property of a body parameter is named from the body's root
                inParameter = false;
            }
            if (node.isInIterable() && !parts.isEmpty()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (at != null) {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + at + "]");
                }
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                parts.add(node.getName());
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    /**
     * Whether the resource method's parameter at {@code index} is the request's body: no annotation binds it to
     * another part of the request.
     */
    private static boolean isBody(Method method, int index) {
        if (method == null || index < 0 || index >= method.getParameterCount()) {
            return false;
        }
        return Arrays.stream(method.getParameterAnnotations()[index]).map(Annotation::annotationType)
                .noneMatch(REQUEST_PARTS::contains);
    }
}
