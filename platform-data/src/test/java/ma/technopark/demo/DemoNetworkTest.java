package ma.technopark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoNetworkTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    @Test
    void theSameSeedAndDayGiveTheSameRecords() {
        DemoNetwork a = DemoNetwork.generate(DemoNetwork.DEFAULT_SEED, DAY);
        DemoNetwork b = DemoNetwork.generate(DemoNetwork.DEFAULT_SEED, DAY);
        assertEquals(a.startups(), b.startups());
        assertEquals(a.residencies(), b.residencies());
        assertEquals(a.kpiReports(), b.kpiReports());
        assertEquals(a.enrolments(), b.enrolments());
        assertTrue(!a.startups().equals(DemoNetwork.generate(7, DAY).startups()), "another seed, another network");
    }

    @Test
    void itsFiguresAreOfThePublishedOrderAndItsRecordsHoldTogether() {
        DemoNetwork n = DemoNetwork.generate(DemoNetwork.DEFAULT_SEED, DAY);
        long accompanied = n.residencies().stream().map(DemoNetwork.Residency::startupId).distinct().count();
        long residents = n.residencies().stream().filter(DemoNetwork.Residency::current).count();
        BigDecimal revenue = n.kpiReports().stream().filter(k -> k.year() == DAY.getYear() - 1)
                .map(DemoNetwork.KpiReport::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<UUID, Integer> latestHeadcount = n.kpiReports().stream().collect(Collectors.toMap(DemoNetwork.KpiReport::startupId,
                DemoNetwork.KpiReport::employees, (x, y) -> y));
        long jobs = latestHeadcount.values().stream().mapToLong(Integer::longValue).sum();
        long beneficiaries = n.enrolments().stream().filter(e -> !e.status().equals("DROPPED"))
                .map(DemoNetwork.Enrolment::startupId).distinct().count();
        System.out.printf("demo: %d startups, %d accompanied, %d residents, revenue %s MAD, %d jobs, %d beneficiaries, %d cohorts%n",
                n.startups().size(), accompanied, residents, revenue, jobs, beneficiaries, n.cohorts().size());
        assertTrue(accompanied >= 3000 && accompanied < 4000, "accompanied " + accompanied);
        assertTrue(revenue.compareTo(new BigDecimal("1000000000")) > 0 && revenue.compareTo(new BigDecimal("3000000000")) < 0,
                "revenue " + revenue);
        assertTrue(jobs >= 3000 && jobs < 6000, "jobs " + jobs);
        assertTrue(beneficiaries >= 1200 && beneficiaries <= 1500, "beneficiaries " + beneficiaries);

        Set<UUID> startups = n.startups().stream().map(DemoNetwork.Startup::id).collect(Collectors.toSet());
        Set<UUID> applications = n.applications().stream().map(DemoNetwork.Application::id).collect(Collectors.toSet());
        assertEquals(n.startups().size(), startups.size());
        n.residencies().forEach(r -> assertTrue(startups.contains(r.startupId()) && applications.contains(r.applicationId())));
        n.enrolments().forEach(e -> assertTrue(startups.contains(e.startupId())));
        Set<String> ices = new HashSet<>();
        n.startups().forEach(s -> assertTrue(s.ice() == null || ices.add(s.ice())));
        n.residencies().forEach(r -> assertTrue(r.endedAt() == null || !r.endedAt().isBefore(r.admittedAt())));
    }
}
