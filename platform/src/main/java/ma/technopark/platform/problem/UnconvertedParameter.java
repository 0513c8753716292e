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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which query or path parameter of a request did not convert to its declared type. Quarkus REST reports such a
 * failure as a bare 404 (as JAX-RS asks) without naming the parameter; this finds it again by converting each
 * declared parameter's value the way Quarkus REST does, so the 400 can name it (and, for an enum, the values it
 * accepts). A type it cannot judge is taken as converted: the answer then stays the generic one.
 */
record UnconvertedParameter(String name, Class<?> type) {
    private static final List<Converter> CONVERTERS = List.of(
            new Converter(Integer.class, Integer::valueOf), new Converter(int.class, Integer::valueOf),
            new Converter(Long.class, Long::valueOf), new Converter(long.class, Long::valueOf),
            new Converter(Short.class, Short::valueOf), new Converter(short.class, Short::valueOf),
            new Converter(Double.class, Double::valueOf), new Converter(double.class, Double::valueOf),
            new Converter(BigDecimal.class, BigDecimal::new), new Converter(UUID.class, UUID::fromString),
            new Converter(LocalDate.class, LocalDate::parse), new Converter(LocalTime.class, LocalTime::parse),
            new Converter(LocalDateTime.class, LocalDateTime::parse),
            new Converter(OffsetDateTime.class, OffsetDateTime::parse), new Converter(Instant.class, Instant::parse),
            new Converter(YearMonth.class, YearMonth::parse));

    private record Converter(Class<?> type, Function<String, ?> convert) {
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

    /** The enum's accepted values, for the message; empty for any other type. */
    String accepted() {
        return type.isEnum() ? Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", ")) : "";
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
