package ma.technopark.sites.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import ma.technopark.platform.paging.Page;
import ma.technopark.platform.paging.PageRequest;
import ma.technopark.platform.query.PageQuery;
import ma.technopark.sites.Region;
import ma.technopark.sites.Site;
import ma.technopark.sites.SiteKind;
import ma.technopark.sites.SiteStatus;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, UUID> {

    /** Which of {@code codes} sites already use, in one query. */
    public Set<String> takenCodes(Collection<String> codes) {
        return Set.copyOf(getEntityManager().createQuery("select code from Site where code in :codes", String.class)
                .setParameter("codes", codes).getResultList());
    }

    /** A keyset page, in creation order, filtered by any of region, status, kind and city. */
    public Page<Site> page(Region region, SiteStatus status, SiteKind kind, String city, PageRequest page) {
        return new PageQuery().where("region", region).where("status", status).where("kind", kind)
                .where("lower(city) = lower(:city)", "city", city)
                .page((query, sort, params) -> find(query, sort, params), page, s -> s.id);
    }
}
