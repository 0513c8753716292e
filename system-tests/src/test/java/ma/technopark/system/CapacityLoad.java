package ma.technopark.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import ma.technopark.infra.DevTokens;

/**
 * Contention while the fuzzer runs: callers book the same few slots of one room, allocate the last seats of one
 * space, enrol more startups than a cohort has places and reserve the same office hours, through the gateway. The
 * capacity invariants are checked in the databases about once a second and at the end; each broken one is kept.
 */
final class CapacityLoad implements AutoCloseable {
    private static final String ADMIN = DevTokens.admin();
    private static final String PM = DevTokens.subject("pm-load").groups("programme-manager").sign();
    /** Each invariant: its database, what it means, and a query counting the rows that break it. */
    private static final String[][] INVARIANTS = {
        {"sites", "two confirmed bookings of one room overlap", "SELECT count(*) FROM booking a JOIN booking b ON a.space_id = b.space_id"
                + " AND a.id < b.id WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED' AND a.period && b.period"},
        {"sites", "a space has more seats allocated than it holds", "SELECT count(*) FROM allocation a JOIN space s ON s.id = a.space_id"
                + " WHERE a.status = 'ACTIVE' AND (SELECT sum(b.seats) FROM allocation b WHERE b.space_id = a.space_id"
                + " AND b.status = 'ACTIVE' AND b.period @> lower(a.period)) > s.seats"},
        {"programs", "a cohort has more startups placed than places", "SELECT count(*) FROM cohort c WHERE (SELECT count(*) FROM enrolment e"
                + " WHERE e.cohort_id = c.id AND e.status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED')) > c.capacity"},
        {"programs", "an office hour is reserved by nobody, or open with a startup", "SELECT count(*) FROM office_hour WHERE"
                + " (status = 'RESERVED' AND startup_id IS NULL) OR (status = 'OPEN' AND startup_id IS NOT NULL)"},
    };

    private final String gateway;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong checks = new AtomicLong();
    private final List<String> broken = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private String siteId;
    private String roomId;
    private String plateauId;
    private String cohortId;
    private final List<String> startups = new ArrayList<>();
    private final List<String> officeHours = new ArrayList<>();

    CapacityLoad(String gateway) {
        this.gateway = gateway;
    }

    CapacityLoad start() {
        String run = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
        String code = "CL" + run;
        siteId = SagaFixtures.operationalSite(code, 50, 6);
        plateauId = Json.parse(Http.send(gateway, "GET", "/api/v1/sites/" + siteId + "/spaces", null, null).body()).findValue("id").asText();
        roomId = Json.field(Http.send(gateway, "POST", "/api/v1/sites/" + siteId + "/spaces", ADMIN,
                "{\"name\": \"Salle de charge\", \"type\": \"MEETING_ROOM\", \"seats\": 8, \"bookable\": true}").body(), "id");
        for (int i = 0; i < 8; i++) {
            startups.add(SagaFixtures.startup(gateway, "Charge " + run + " " + i, code));
        }
        // a cohort of 3 places, open, in a published programme at the site
        String[] programme = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Http.Exchange e = Http.send(gateway, "POST", "/api/v1/programmes", PM,
                    BrokerOutageSystemTest.programmeBody("CL" + run, code));
            programme[0] = e.status() == 201 ? Json.field(e.body(), "id") : null;
            return programme[0] != null;
        });
        Http.send(gateway, "POST", "/api/v1/programmes/" + programme[0] + "/publication", PM, null);
        LocalDate start = LocalDate.now().plusDays(20);
        cohortId = Json.field(Http.send(gateway, "POST", "/api/v1/cohorts", PM, """
                {"programmeId": "%s", "name": "Cohorte de charge", "siteCode": "%s", "startDate": "%s", "endDate": "%s", "capacity": 3}
                """.formatted(programme[0], code, start, start.plusMonths(3))).body(), "id");
        Http.send(gateway, "POST", "/api/v1/cohorts/" + cohortId + "/opening", PM, null);
        String mentor = Json.field(Http.send(gateway, "POST", "/api/v1/mentors", PM,
                "{\"name\": \"Mentor de charge\", \"email\": \"charge@example.org\", \"expertise\": [\"finance\"], \"languages\": [\"fr\"]}")
                .body(), "id");
        for (int h = 0; h < 3; h++) {
            String day = LocalDate.now().plusDays(15 + h) + "T10:00:00Z";
            String end = LocalDate.now().plusDays(15 + h) + "T10:45:00Z";
            officeHours.add(Json.field(Http.send(gateway, "POST", "/api/v1/mentors/" + mentor + "/office-hours", PM,
                    "{\"startsAt\": \"" + day + "\", \"endsAt\": \"" + end + "\"}").body(), "id"));
        }
        // startups become known to programs-service through events: enrolments wait for that
        await().atMost(Duration.ofSeconds(60)).until(() -> Databases.count("programs",
                "SELECT count(*) FROM startup_replica WHERE id::text = ANY(?)", startups) == startups.size());
        running.set(true);
        for (int t = 0; t < 4; t++) {
            int n = t;
            Thread thread = new Thread(() -> contend(new Random(n)), "capacity-load-" + t);
            thread.start();
            threads.add(thread);
        }
        Thread checker = new Thread(() -> {
            while (running.get()) {
                check();
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);
            }
        }, "capacity-invariants");
        checker.start();
        threads.add(checker);
        return this;
    }

    private void contend(Random random) {
        LocalDate day = LocalDate.now().plusDays(40);
        while (running.get()) {
            String startup = startups.get(random.nextInt(startups.size()));
            String path;
            String body;
            switch (random.nextInt(4)) {
                case 0 -> {
                    int hour = 9 + random.nextInt(3);
                    path = "/api/v1/bookings";
                    body = "{\"spaceId\": \"%s\", \"title\": \"Charge\", \"date\": \"%s\", \"startTime\": \"%02d:00\", \"endTime\": \"%02d:30\"}"
                            .formatted(roomId, day, hour, hour + 1);
                }
                case 1 -> {
                    path = "/api/v1/allocations";
                    body = "{\"siteId\": \"%s\", \"spaceId\": \"%s\", \"startupId\": \"%s\", \"seats\": 2, \"startDate\": \"%s\"}"
                            .formatted(siteId, plateauId, startup, day);
                }
                case 2 -> {
                    path = "/api/v1/cohorts/" + cohortId + "/enrolments";
                    body = "{\"startupId\": \"" + startup + "\"}";
                }
                default -> {
                    path = "/api/v1/office-hours/" + officeHours.get(random.nextInt(officeHours.size())) + "/reservation";
                    body = "{\"startupId\": \"" + startup + "\"}";
                }
            }
            Http.Exchange e = Http.send(gateway, "POST", path, ADMIN, body);
            writes.incrementAndGet();
            if (e.status() >= 500) {
                broken.add("a " + e.status() + " under load: POST " + path + " " + e.body());
            }
        }
    }

    private void check() {
        for (String[] invariant : INVARIANTS) {
            long rows = Databases.count(invariant[0], invariant[2]);
            checks.incrementAndGet();
            if (rows > 0) {
                broken.add(invariant[1] + " (" + rows + " rows)");
            }
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
        check();
    }

    long writes() {
        return writes.get();
    }

    long checks() {
        return checks.get();
    }

    List<String> broken() {
        return List.copyOf(broken);
    }

    @Override
    public void close() throws InterruptedException {
        if (running.get()) {
            stop();
        }
    }
}
