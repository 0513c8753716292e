package ma.technopark.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The demo data set: a clearly synthetic network (every name says "Démo", every e-mail is at example.org) drawn
 * from a fixed seed, so that the same seed and day give the same records in every service and on every run.
 * Each service loads only its own part (sites: spaces and allocations; startups: startups, applications,
 * residencies, KPI reports; programs: partners, conventions, programmes, cohorts, enrolments and its copy of the
 * startups), and the ids agree across services because they all come from here. No figure is stored: the
 * network's figures are computed from these records like from any others.
 */
public final class DemoNetwork {
    public static final long DEFAULT_SEED = 2026L;

    /** The operational sites with their current residents (the reference network's codes). */
    static final String[] SITES = {"CAS", "RBA", "TNG", "AGA", "ESS", "CISM"};
    private static final int[] RESIDENTS = {120, 60, 45, 30, 45, 15};
    private static final int[] OPENED = {2001, 2008, 2014, 2017, 2023, 2018};
    private static final String[] SECTORS = {"SOFTWARE", "FINTECH", "EDTECH", "HEALTHTECH", "AGRITECH", "CLEANTECH",
        "TOURISM_TECH", "ECOMMERCE", "MEDIA", "INDUSTRY_4_0", "LOGISTICS", "GOVTECH", "CREATIVE_INDUSTRIES"};
    private static final String[] STAGES = {"IDEA", "PROTOTYPE_MVP", "EARLY_REVENUE", "GROWTH", "SCALE"};
    private static final String[] SYLLABLES = {"at", "las", "sa", "ra", "nov", "ka", "zi", "mar", "lu", "tech", "dar",
        "no", "va", "me", "ri", "sou", "ta", "ga", "bel", "fa"};
    private static final String[] LEGAL_FORMS = {"SARL", "SARL_AU", "SA", "SAS"};

    public record Startup(UUID id, int index, String kind, String brandName, String legalName, String ice,
            String legalForm, String sector, String stage, String status, LocalDate founded, String homeSite,
            Instant createdAt) {
        public String foundersJson() {
            return "[{\"name\":\"Fondateur Démo " + index + "\",\"email\":\"fondateur" + index + "@example.org\",\"role\":\"CEO\"}]";
        }
    }

    public record Application(UUID id, UUID startupId, String siteCode, int seats, String status, String hosting,
            Instant submittedAt, Instant decidedAt, String reason, Instant createdAt) {
    }

    /** A residency and the allocation sites-service holds for it (active while the residency runs). */
    public record Residency(UUID id, UUID applicationId, UUID allocationId, UUID startupId, String siteCode, int seats,
            String status, Instant admittedAt, Instant endedAt) {
        public boolean current() {
            return endedAt == null;
        }

        public LocalDate startDate() {
            return LocalDate.ofInstant(admittedAt, ZoneOffset.UTC);
        }
    }

    public record KpiReport(UUID id, UUID startupId, int year, int quarter, BigDecimal revenue, int employees,
            BigDecimal fundsRaised, int customers) {
    }

    public record Partner(UUID id, String name, String kind) {
    }

    public record Convention(UUID id, String title, String subject, String siteCode, LocalDate signed, LocalDate start,
            LocalDate end, BigDecimal budget, Integer target, List<UUID> partners) {
    }

    public record Programme(UUID id, String code, String nameFr, String kind, int months, List<String> stages,
            List<String> siteCodes, List<UUID> conventions) {
    }

    public record Cohort(UUID id, UUID programmeId, String name, String siteCode, LocalDate start, LocalDate end,
            int capacity, String status) {
    }

    public record Enrolment(UUID id, UUID cohortId, UUID startupId, String status, Instant createdAt) {
    }

    private final long seed;
    private final LocalDate today;
    private final List<Startup> startups = new ArrayList<>();
    private final List<Application> applications = new ArrayList<>();
    private final List<Residency> residencies = new ArrayList<>();
    private final List<KpiReport> kpiReports = new ArrayList<>();
    private final List<Partner> partners = new ArrayList<>();
    private final List<Convention> conventions = new ArrayList<>();
    private final List<Programme> programmes = new ArrayList<>();
    private final List<Cohort> cohorts = new ArrayList<>();
    private final List<Enrolment> enrolments = new ArrayList<>();

    private DemoNetwork(long seed, LocalDate today) {
        this.seed = seed;
        this.today = today;
    }

    /** The data set for a seed, as of a day (the day sets which residencies run and which year is complete). */
    public static DemoNetwork generate(long seed, LocalDate today) {
        DemoNetwork network = new DemoNetwork(seed, today);
        network.build(new SplittableRandom(seed));
        return network;
    }

    public long seed() {
        return seed;
    }

    public List<Startup> startups() {
        return startups;
    }

    public List<Application> applications() {
        return applications;
    }

    public List<Residency> residencies() {
        return residencies;
    }

    public List<KpiReport> kpiReports() {
        return kpiReports;
    }

    public List<Partner> partners() {
        return partners;
    }

    public List<Convention> conventions() {
        return conventions;
    }

    public List<Programme> programmes() {
        return programmes;
    }

    public List<Cohort> cohorts() {
        return cohorts;
    }

    public List<Enrolment> enrolments() {
        return enrolments;
    }

    public static List<String> operationalSites() {
        return List.of(SITES);
    }

    private void build(SplittableRandom random) {
        int total = 3600;
        int accompanied = 3300;
        int year = today.getYear();
        // Current residents first, site by site; then alumni over the years each site has been open.
        List<int[]> plan = new ArrayList<>(); // {site, admittedYear, current}
        for (int s = 0; s < SITES.length; s++) {
            for (int i = 0; i < RESIDENTS[s]; i++) {
                plan.add(new int[] {s, year - random.nextInt(3), 1});
            }
        }
        while (plan.size() < accompanied) {
            int s = weightedSite(random);
            int from = Math.max(OPENED[s], year - 22);
            plan.add(new int[] {s, from + random.nextInt(Math.max(1, year - from)), 0});
        }
        for (int i = 0; i < total; i++) {
            boolean hosted = i < plan.size();
            int[] p = hosted ? plan.get(i) : new int[] {weightedSite(random), year - random.nextInt(2), 0};
            int admittedYear = p[1];
            boolean current = hosted && p[2] == 1;
            boolean recentAlumnus = hosted && !current && admittedYear >= year - 5;
            String stage = stage(random, current || recentAlumnus, hosted);
            boolean graduated = hosted && !current && random.nextInt(100) < 70;
            String status = current ? "RESIDENT" : !hosted ? "REGISTERED" : graduated ? "ALUMNI" : "INACTIVE";
            boolean incorporated = random.nextInt(100) < 88 || current;
            Instant created = instant(admittedYear - 1, random);
            String brand = "Démo " + name(random) + " " + (i + 1);
            UUID startupId = id(created, random);
            startups.add(new Startup(startupId, i + 1, incorporated ? "INCORPORATED_STARTUP" : "PROJECT_HOLDER", brand,
                    incorporated ? brand + " SARL" : null, incorporated ? String.format("99%013d", i + 1) : null,
                    incorporated ? LEGAL_FORMS[random.nextInt(LEGAL_FORMS.length)] : null,
                    SECTORS[random.nextInt(SECTORS.length)], stage, status,
                    incorporated ? LocalDate.of(admittedYear - 1, 1 + random.nextInt(12), 1) : null, SITES[p[0]], created));
            if (!hosted) {
                Instant submitted = instant(admittedYear, random);
                String outcome = random.nextInt(100) < 80 ? "REJECTED" : random.nextInt(2) == 0 ? "WITHDRAWN" : "SUBMITTED";
                applications.add(new Application(id(submitted, random), startupId, SITES[p[0]], 2, outcome, null, submitted,
                        outcome.equals("REJECTED") ? submitted.plusSeconds(86_400L * 30) : null,
                        outcome.equals("REJECTED") ? "Projet pas encore assez mûr (démo)" : null, submitted.minusSeconds(86_400)));
                continue;
            }
            Instant submitted = current ? instant(admittedYear, random).minusSeconds(86_400L * 60) : instant(admittedYear, random);
            Instant decided = submitted.plusSeconds(86_400L * 30);
            Instant admitted = decided.plusSeconds(86_400L * 7);
            if (admitted.isAfter(today.atStartOfDay().toInstant(ZoneOffset.UTC))) {
                admitted = today.minusDays(1 + random.nextInt(30)).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            UUID applicationId = id(submitted, random);
            int seats = 1 + random.nextInt(4);
            applications.add(new Application(applicationId, startupId, SITES[p[0]], seats, "ACCEPTED", "ALLOCATED",
                    submitted, decided, "Comité de sélection (démo)", submitted.minusSeconds(86_400)));
            Instant ended = current ? null : admitted.plusSeconds(86_400L * (365 + random.nextInt(730)));
            if (ended != null && !ended.isBefore(today.atStartOfDay().toInstant(ZoneOffset.UTC))) {
                ended = today.minusDays(1 + random.nextInt(60)).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            residencies.add(new Residency(id(admitted, random), applicationId, id(admitted, random), startupId, SITES[p[0]],
                    seats, current ? "RESIDENT" : graduated ? "GRADUATED" : "EXITED", admitted, ended));
            if (current || recentAlumnus) {
                reports(startupId, stage, random);
            }
        }
        programmes(random);
    }

    private static int weightedSite(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 45 ? 0 : r < 65 ? 1 : r < 78 ? 2 : r < 88 ? 3 : r < 93 ? 4 : 5;
    }

    private static String stage(SplittableRandom random, boolean active, boolean hosted) {
        int r = random.nextInt(100);
        if (!hosted) {
            return r < 60 ? STAGES[0] : STAGES[1];
        }
        if (!active) {
            return STAGES[2 + random.nextInt(3)];
        }
        return r < 8 ? STAGES[0] : r < 25 ? STAGES[1] : r < 60 ? STAGES[2] : r < 88 ? STAGES[3] : STAGES[4];
    }

    /** Quarterly KPI reports: the last complete year and the quarters of this year that are over. */
    private void reports(UUID startupId, String stage, SplittableRandom random) {
        int stageIndex = List.of(STAGES).indexOf(stage);
        long[] yearlyRevenue = {0, 50_000, 300_000, 1_200_000, 4_500_000};
        int[] headcount = {1, 1, 2, 3, 7};
        double factor = 0.5 + random.nextDouble();
        int last = today.getYear() - 1;
        int quartersThisYear = (today.getMonthValue() - 1) / 3;
        int employees = Math.max(1, (int) Math.round(headcount[stageIndex] * factor));
        for (int q = 1; q <= 4 + quartersThisYear; q++) {
            int y = q <= 4 ? last : last + 1;
            int quarter = q <= 4 ? q : q - 4;
            BigDecimal revenue = BigDecimal.valueOf(yearlyRevenue[stageIndex] * factor / 4 * (0.85 + 0.3 * random.nextDouble()))
                    .setScale(2, RoundingMode.HALF_UP);
            Instant at = LocalDate.of(y, quarter * 3, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            kpiReports.add(new KpiReport(id(at, random), startupId, y, quarter, revenue, employees,
                    BigDecimal.valueOf(random.nextInt(10) == 0 ? 500_000L * (1 + random.nextInt(6)) : 0).setScale(2),
                    (int) Math.round((5 + stageIndex * 20) * factor)));
        }
    }

    private void programmes(SplittableRandom random) {
        String[][] partnerData = {{"MITC (démo)", "MANAGEMENT_COMPANY"},
            {"Ministère de la Transition Numérique (démo)", "MINISTRY"},
            {"Conseil communal d'Essaouira (démo)", "COMMUNAL_COUNCIL"},
            {"Conseil provincial d'Essaouira (démo)", "PROVINCIAL_COUNCIL"}, {"INDH (démo)", "INDH"},
            {"Banque Démo", "BANK"}};
        Instant origin = LocalDate.of(2019, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (String[] p : partnerData) {
            partners.add(new Partner(id(origin, random), p[0], p[1]));
        }
        List<UUID> all = partners.stream().map(Partner::id).toList();
        conventions.add(new Convention(id(origin, random), "Exploitation et gestion du Technopark d'Essaouira (démo)",
                "SITE_OPERATION", "ESS", LocalDate.of(2023, 6, 1), LocalDate.of(2023, 11, 24), LocalDate.of(2028, 11, 24),
                new BigDecimal("20000000.00"), 300, List.of(all.get(0), all.get(2), all.get(3))));
        conventions.add(new Convention(id(origin, random), "Programmes d'accompagnement du réseau (démo)",
                "PROGRAMME_DELIVERY", null, LocalDate.of(2019, 3, 1), LocalDate.of(2019, 4, 1), LocalDate.of(2027, 12, 31),
                new BigDecimal("45000000.00"), 1300, List.of(all.get(0), all.get(1), all.get(4))));
        String[][] programmeData = {{"DEMO-PREINC", "Pré-incubation (démo)", "PRE_INCUBATION", "4"},
            {"DEMO-INC", "Incubation (démo)", "INCUBATION", "12"}, {"DEMO-ACC", "Accélération (démo)", "ACCELERATION", "6"},
            {"DEMO-FUND", "Préparation à la levée (démo)", "FUNDING_READINESS", "3"},
            {"DEMO-MKT", "Accès au marché (démo)", "MARKET_ACCESS", "6"}};
        List<String> stagesAll = List.of(STAGES);
        for (int i = 0; i < programmeData.length; i++) {
            String[] p = programmeData[i];
            List<UUID> funding = i == 0 ? List.of(conventions.get(0).id(), conventions.get(1).id()) : List.of(conventions.get(1).id());
            programmes.add(new Programme(id(origin, random), p[0], p[1], p[2], Integer.parseInt(p[3]),
                    i < 2 ? stagesAll.subList(0, 3) : stagesAll.subList(2, 5), List.of(SITES), funding));
        }
        // Cohorts from 2019 on, twice a year per programme, at the sites in turn; places go to the network's startups.
        List<Startup> pool = new ArrayList<>(startups);
        Set<UUID> placed = new LinkedHashSet<>();
        int next = 0;
        for (int year = 2019; year <= today.getYear(); year++) {
            for (int half = 0; half < 2; half++) {
                for (Programme programme : programmes) {
                    LocalDate start = LocalDate.of(year, half == 0 ? 2 : 9, 1);
                    if (start.isAfter(today.plusMonths(3))) {
                        continue;
                    }
                    LocalDate end = start.plusMonths(programme.months());
                    String site = SITES[(year + half + programmes.indexOf(programme)) % SITES.length];
                    String status = end.isBefore(today) ? "CLOSED" : start.isAfter(today) ? "OPEN" : "RUNNING";
                    int capacity = 16 + random.nextInt(6);
                    Cohort cohort = new Cohort(id(start.atStartOfDay().toInstant(ZoneOffset.UTC), random), programme.id(),
                            "Cohorte " + year + "-" + (half + 1) + " (démo)", site, start, end, capacity, status);
                    cohorts.add(cohort);
                    int places = capacity - random.nextInt(3);
                    for (int k = 0; k < places; k++) {
                        Startup startup = pool.get(next++ % pool.size());
                        String enrolmentStatus = status.equals("CLOSED") ? (random.nextInt(100) < 8 ? "DROPPED" : "COMPLETED")
                                : status.equals("RUNNING") ? "ACTIVE" : "ACCEPTED";
                        Instant at = start.minusDays(20).atStartOfDay().toInstant(ZoneOffset.UTC);
                        enrolments.add(new Enrolment(id(at, random), cohort.id(), startup.id(), enrolmentStatus, at));
                        if (!enrolmentStatus.equals("DROPPED")) {
                            placed.add(startup.id());
                        }
                    }
                }
            }
        }
    }

    private static String name(SplittableRandom random) {
        String n = SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)]
                + SYLLABLES[random.nextInt(SYLLABLES.length)];
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private Instant instant(int year, SplittableRandom random) {
        return LocalDate.of(year, 1, 1).plusDays(random.nextInt(360)).atStartOfDay().toInstant(ZoneOffset.UTC)
                .plusSeconds(random.nextInt(86_400));
    }

    /** A UUIDv7 for the given instant, its random bits from the seed: sortable, and the same on every run. */
    private static UUID id(Instant at, SplittableRandom random) {
        long msb = (at.toEpochMilli() << 16) | 0x7000L | (random.nextInt(0x1000));
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
