package ma.technopark.platform.problem;

import java.util.List;

/**
 * A refusal the caller can act on, turned into {@code application/problem+json} in one place
 * ({@link ProblemMappers}). Services throw these; they never build error responses themselves.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private String detailKey;
    private Object[] detailArgs;

    public ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public static ApiException notFound(String what, Object id) {
        ApiException e = new ApiException(404, "not-found", "Not found", "No " + what + " with id " + id);
        e.detailKey = "no-entity";
        e.detailArgs = new Object[] {what, id};
        return e;
    }

    /** A business rule refuses the request (capacity full, slot taken, illegal transition). */
    public static ApiException conflict(String type, String detail) {
        return new ApiException(409, type, "Conflict", detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ApiException badRequest(String type, String detail) {
        return new ApiException(400, type, "Bad request", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", "Service unavailable", detail);
    }

    /** The detail in the caller's language where the platform has it; else the detail as written. */
    public String detail(java.util.Locale locale) {
        if (detailKey == null) {
            if (errors.size() == 1 && getMessage() != null && getMessage().equals(errors.get(0).field() + ": " + errors.get(0).message())) {
                return errors.get(0).field() + ": " + ProblemLanguage.translate(errors.get(0).message(), locale);
            }
            return ProblemLanguage.translate(getMessage(), locale);
        }
        Object[] args = detailArgs.clone();
        if ("no-entity".equals(detailKey)) {
            args[0] = ProblemLanguage.entity(String.valueOf(args[0]), locale);
        }
        return ProblemLanguage.detail(detailKey, locale, args);
    }

    /** The field errors, their messages in the caller's language where the catalog has them. */
    public List<Problem.FieldError> errors(java.util.Locale locale) {
        return errors.stream().map(f -> new Problem.FieldError(f.field(), ProblemLanguage.translate(f.message(), locale))).toList();
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
