package ma.technopark.sites.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import ma.technopark.sites.Site;
import ma.technopark.sites.SiteStatus;
import ma.technopark.sites.config.SitesConfig;
import ma.technopark.sites.repository.SiteRepository;
import ma.technopark.sites.rest.CoverageView;

/** Network coverage computed from the site records, never from stored figures. */
@ApplicationScoped
public class CoverageService {
    private static final Set<SiteStatus> COMING = EnumSet.of(SiteStatus.PLANNED, SiteStatus.UNDER_CONSTRUCTION);

    private final SiteRepository sites;
    private final SitesConfig config;

    public CoverageService(SiteRepository sites, SitesConfig config) {
        this.sites = sites;
        this.config = config;
    }

    public CoverageView coverage() {
        List<Site> all = sites.listAll();
        List<Site> operational = all.stream().filter(s -> s.status == SiteStatus.OPERATIONAL).toList();
        List<Site> coming = all.stream().filter(s -> COMING.contains(s.status))
                .sorted(Comparator.comparing(s -> s.code)).toList();
        CoverageView.Reach today = reach(operational);
        CoverageView.Reach withPlanned = reach(java.util.stream.Stream.concat(operational.stream(), coming.stream()).toList());
        SitesConfig.Targets targets = config.targets();
        return new CoverageView(
                new CoverageView.Targets(targets.cities(), targets.regions(), targets.year()),
                today, withPlanned, gap(targets, today), gap(targets, withPlanned),
                coming.stream().map(s -> new CoverageView.PlannedSite(s.code, s.nameFr, s.city, s.region.name(),
                        s.status.name(), s.expectedOpening)).toList());
    }

    private static CoverageView.Reach reach(List<Site> list) {
        TreeSet<String> cities = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        TreeSet<String> regions = new TreeSet<>();
        for (Site s : list) {
            cities.add(s.city);
            regions.add(s.region.name());
        }
        return new CoverageView.Reach(cities.size(), regions.size(), list.size(), List.copyOf(cities), List.copyOf(regions));
    }

    private static CoverageView.Gap gap(SitesConfig.Targets targets, CoverageView.Reach reach) {
        return new CoverageView.Gap(Math.max(0, targets.cities() - reach.cityCount()),
                Math.max(0, targets.regions() - reach.regionCount()));
    }
}
