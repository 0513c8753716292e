package ma.technopark.platform.problem;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which query or path parameter of a request did not convert to its declared type. Quarkus REST reports such a
 * failure as a bare 404 (as JAX-RS asks) without naming the parameter; this finds it again by converting each
 * declared parameter's value the way Quarkus REST does, so the 400 can name it (and, for an enum, the values it
 * accepts). A type it cannot judge is taken as converted: the answer then stays the generic one. The same
 * message serves a JSON field of the wrong type.
 */
record UnconvertedParameter(String name, Class<?> type) {
    private static final List<Converter> CONVERTERS = List.of(
            new Converter(Integer.class, Integer::valueOf, "20"), new Converter(int.class, Integer::valueOf, "20"),
            new Converter(Long.class, Long::valueOf, "20"), new Converter(long.class, Long::valueOf, "20"),
            new Converter(Short.class, Short::valueOf, "20"), new Converter(short.class, Short::valueOf, "20"),
            new Converter(Double.class, Double::valueOf, "2.5"), new Converter(double.class, Double::valueOf, "2.5"),
            new Converter(BigDecimal.class, BigDecimal::new, "2.5"),
            new Converter(UUID.class, UUID::fromString, "0190a1b2-7c3d-7000-8000-00000000002a"),
            new Converter(LocalDate.class, LocalDate::parse, "2026-03-31"),
            new Converter(LocalTime.class, LocalTime::parse, "09:30"),
            new Converter(LocalDateTime.class, LocalDateTime::parse, "2026-03-31T09:30"),
            new Converter(OffsetDateTime.class, OffsetDateTime::parse, "2026-03-31T09:30:00+01:00"),
            new Converter(Instant.class, Instant::parse, "2026-03-31T08:30:00Z"),
            new Converter(YearMonth.class, YearMonth::parse, "2026-03"));

    /** How Quarkus REST turns the text into the type, and a value it accepts, shown to the caller. */
    private record Converter(Class<?> type, Function<String, ?> convert, String example) {
    }

    /** The first declared query or path parameter (bean parameters' fields included) whose value does not convert. */
    static Optional<UnconvertedParameter> find(Method method, UriInfo uri) {
        if (method == null || uri == null) {
            return Optional.empty();
        }
        for (Parameter p : method.getParameters()) {
            Optional<UnconvertedParameter> found = p.getAnnotation(BeanParam.class) != null
                    ? inBean(p.getType(), uri)
                    : check(p, p.getType(), p.getParameterizedType(), uri);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * What the caller is told: an enum's accepted values, or a value of the expected format, or only that the
     * type or format is wrong.
     */
    String message(Locale locale) {
        if (type.isEnum()) {
            return ProblemLanguage.detail("one-of", locale, accepted());
        }
        String example = example();
        return example.isEmpty() ? ProblemLanguage.detail("wrong-type", locale)
                : ProblemLanguage.detail("wrong-type-example", locale, example);
    }

    /** The enum's accepted values; empty for any other type. */
    String accepted() {
        return type.isEnum() ? Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", ")) : "";
    }

    /** A value of the type that converts, to show the expected format; empty for an enum or a type not judged. */
    String example() {
        return CONVERTERS.stream().filter(c -> c.type() == type).map(Converter::example).findFirst().orElse("");
    }

    private static Optional<UnconvertedParameter> inBean(Class<?> bean, UriInfo uri) {
        for (Class<?> c = bean; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Optional<UnconvertedParameter> found = check(f, f.getType(), f.getGenericType(), uri);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<UnconvertedParameter> check(AnnotatedElement element, Class<?> type, Type generic, UriInfo uri) {
        QueryParam query = element.getAnnotation(QueryParam.class);
        PathParam path = element.getAnnotation(PathParam.class);
        String name = query != null ? query.value() : path != null ? path.value() : null;
        if (name == null) {
            return Optional.empty();
        }
        List<String> values = query != null ? uri.getQueryParameters().get(name) : uri.getPathParameters().get(name);
        Class<?> target = Collection.class.isAssignableFrom(type) ? elementType(generic) : type;
        if (values == null || target == null) {
            return Optional.empty();
        }
        return values.stream().anyMatch(v -> !converts(target, v))
                ? Optional.of(new UnconvertedParameter(name, target)) : Optional.empty();
    }

    private static Class<?> elementType(Type generic) {
        return generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c ? c : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean converts(Class<?> type, String value) {
        try {
            if (type.isEnum()) {
                Enum.valueOf((Class<? extends Enum>) type, value);
                return true;
            }
            for (Converter c : CONVERTERS) {
                if (c.type() == type) {
                    c.convert().apply(value);
                    return true;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
