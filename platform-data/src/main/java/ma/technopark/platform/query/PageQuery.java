package ma.technopark.platform.query;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;

/**
 * A list's query: filters, each applied only when its value is given, then one keyset page in id order
 * ({@code id > :after ORDER BY id}, {@code limit + 1} rows), whose cost does not grow with the page number, or,
 * for a short list that needs no page, every matching row in an order of its own ({@link #list}).
 *
 * <pre>{@code
 * new PageQuery().where("startupId", startup).where("status", status)
 *         .page((query, sort, params) -> Application.find(query, sort, params), page, a -> a.id);
 * }</pre>
 */
public final class PageQuery {
    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Map<String, Object> params = new HashMap<>();

    /** How the entity runs a query (its Panache {@code find}, called on the entity class so that it is enhanced). */
    @FunctionalInterface
    public interface Finder<T> {
        PanacheQuery<T> find(String query, Sort sort, Map<String, Object> params);
    }

    /** How the entity lists every row that matches (its Panache {@code list}, called on the entity class). */
    @FunctionalInterface
    public interface Lister<T> {
        List<T> list(String query, Sort sort, Map<String, Object> params);
    }

    /** {@code field = value}, when the value is given; the field names its parameter too. */
    public PageQuery where(String field, Object value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            params.put(field, value);
        }
        return this;
    }

    /**
     * Any condition on one parameter, when its value is given: {@code where("lower(holderEmail) = lower(:email)",
     * "email", email)}; the parameter may appear more than once ({@code validFrom <= :day and validUntil > :day}).
     */
    public PageQuery where(String condition, String parameter, Object value) {
        if (value != null) {
            where.append(" and (").append(condition).append(')');
            params.put(parameter, value);
        }
        return this;
    }

    public <T> Page<T> page(Finder<T> finder, PageRequest page, Function<T, UUID> id) {
        if (page.after() != null) {
            where.append(" and id > :after");
            params.put("after", page.after());
        }
        List<T> rows = finder.find(where.toString(), Sort.by("id"), params).range(0, page.fetchSize() - 1).list();
        return page.page(rows, id);
    }

    /** Every row that matches, in {@code sort}'s order: for the lists that stay short (programmes, mentors). */
    public <T> List<T> list(Lister<T> lister, Sort sort) {
        return lister.list(where.toString(), sort, params);
    }
}
