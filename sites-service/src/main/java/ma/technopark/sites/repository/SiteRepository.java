package ma.technopark.sites.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.sites.Region;
import ma.technopark.sites.Site;
import ma.technopark.sites.SiteKind;
import ma.technopark.sites.SiteStatus;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, UUID> {

    public boolean codeTaken(String code) {
        // not Panache's count(): Hibernate translates its derived query again on every call (docs/decisions.md)
        return !getEntityManager().createQuery("select 1 from Site where code = :code", Integer.class)
                .setParameter("code", code).setMaxResults(1).getResultList().isEmpty();
    }

    /** Which of {@code codes} sites already use, in one query. */
    public Set<String> takenCodes(Collection<String> codes) {
        return Set.copyOf(getEntityManager().createQuery("select code from Site where code in :codes", String.class)
                .setParameter("codes", codes).getResultList());
    }

    /** A keyset page, in creation order, filtered by any of region, status, kind and city. */
    public Page<Site> page(Region region, SiteStatus status, SiteKind kind, String city, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (region != null) {
            where.append(" and region = :region");
            params.and("region", region);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.and("kind", kind);
        }
        if (city != null) {
            where.append(" and lower(city) = lower(:city)");
            params.and("city", city);
        }
        if (page.after() != null) {
            where.append(" and id > :after");
            params.and("after", page.after());
        }
        List<Site> rows = find(where.toString(), Sort.by("id"), params).range(0, page.fetchSize() - 1).list();
        return page.page(rows, s -> s.id);
    }
}
