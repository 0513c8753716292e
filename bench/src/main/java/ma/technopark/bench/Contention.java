package ma.technopark.bench;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import ma.technopark.infra.Platform;

/**
 * Scenario 4: 64 concurrent clients on sites-service. (a) All book the same slot of one room, 20 slots in turn:
 * one booking each. (b) All allocate the last seats of a space, 5 spaces of 50 seats in turn: 50 allocations
 * each. (c) wrk's 64 connections book distinct slots as fast as answered for 10 s, three times: bookings per second (median). (d) Distinct
 * slots at a fixed 500 per second (open loop, after 10 s of the same to warm the client): the latency at the required
 * rate, second by second, where the cores went, how the outbox relay batched the events, and the same at 50 per
 * second for comparison. Oversold seats
 * and overlapping confirmed bookings are then counted in the database.
 */
final class Contention {
    static final int CLIENTS = 64;
    static final int SLOT_RACES = 20;
    static final int SEAT_SPACES = 5;
    static final int SEATS = 50;
    static final Duration DISTINCT = Duration.ofSeconds(10);
    static final int RATE = 500;
    static final Duration WARM_UP = Duration.ofSeconds(30);
    static final Duration MAX_WARM_UP = Duration.ofMinutes(5);
    static final Duration ALLOCATION_WARM_UP = Duration.ofSeconds(20);
    static final Duration RACE_WARM_UP = Duration.ofSeconds(30);
    static final Duration OPEN_LOOP_WARM_UP = Duration.ofSeconds(10);

    private final Bench bench;

    Contention(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Platform platform = bench.platform();
        String sites = platform.app(Platform.SITES).url();
        String siteId = Fixtures.operationalSite(sites, "BENCH-CT", 100_000).get("id").asText();
        String raceRoom = Fixtures.space(sites, siteId, "Salle disputée", "MEETING_ROOM", 10, true, false);
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            rooms.add(Fixtures.space(sites, siteId, "Salle " + i, "MEETING_ROOM", 8, true, false));
        }
        List<String> plateaux = new ArrayList<>();
        for (int i = 0; i < SEAT_SPACES; i++) {
            plateaux.add(Fixtures.space(sites, siteId, "Plateau " + i, "OPEN_WORKSPACE", SEATS, false, true));
        }
        Report report = bench.report("contention", "Contention on bookings and seats");
        report.section("setup", "(a), (b) and the races' warm-up: " + CLIENTS + " clients of the bench's asynchronous client (Vert.x, "
                + CLIENTS + " keep-alive connections, each client's next attempt sent when its last is answered); the other"
                + " warm-ups: " + CLIENTS + " threads of the JDK's HttpClient, closed loop; (c) wrk; (d) the open-loop client;"
                + " -> sites-service directly, admin token;"
                + " apps' JVM options: " + Bench.SERVER_JVM);
        LocalDate base = LocalDate.now(ZoneId.of("Africa/Casablanca")).plusDays(2);
        String bookings = sites + "/api/v1/bookings";
        String allocations = sites + "/api/v1/allocations";

        // warm-up on rooms and days that the measured runs do not use, until the JIT has settled (WarmUp): each
        // worker books the next free hour of its own room, 00:00 to 23:00, from 300 days ahead (five minutes at
        // 1,500 bookings/s reach day 600, inside the two years a room can be booked ahead)
        AtomicIntegerArray next = new AtomicIntegerArray(CLIENTS);
        report.section("warm-up: bookings on distinct slots until the JIT settles",
                WarmUp.untilJitSettles(WARM_UP, MAX_WARM_UP, d -> Load.closedLoop(CLIENTS, d, Integer.MAX_VALUE, (w, n) -> {
                    int k = next.getAndIncrement(w);
                    return book(bookings, rooms.get(w), base.plusDays(300 + k / 23), k % 23);
                })));
        // and the allocations' path, granted and refused, on a site of its own (the races below count the startups
        // hosted at their site on every decision): measured cold, the last-seat races took 5 times longer
        String warmSite = Fixtures.operationalSite(sites, "BENCH-CT-WARM", 100_000).get("id").asText();
        String roomy = Fixtures.space(sites, warmSite, "Plateau d'échauffement", "OPEN_WORKSPACE", 10_000, false, true);
        String full = Fixtures.space(sites, warmSite, "Plateau complet", "OPEN_WORKSPACE", 1, false, true);
        Map<String, Double> cpuBefore = Machine.cpuSeconds();
        long began = System.nanoTime();
        Load.closedLoop(CLIENTS, ALLOCATION_WARM_UP, Integer.MAX_VALUE,
                (w, n) -> allocate(allocations, warmSite, n % 2 == 0 ? roomy : full, base));
        report.section("warm-up: where the cores went (" + ALLOCATION_WARM_UP.toSeconds() + " s of allocations, half granted, half refused)",
                Machine.cpuUsed(cpuBefore, Machine.cpuSeconds(), (System.nanoTime() - began) / 1e9));

        // and the race itself, on a room and days of their own: the bookings above never meet a taken slot, so the
        // races' refusals (63 of 64 requests: the exclusion constraint's violation, answered 409) were compiled during
        // the measured races, where C2 took 0.7 of sites-service's 1.2 CPU-s (the full run of 2026-11-29, bench/FINDINGS.md)
        OpenLoop racer = new OpenLoop(CLIENTS); // the races' 64 clients: 64 keep-alive connections, asynchronous
        String warmRaceRoom = Fixtures.space(sites, siteId, "Salle disputée d'échauffement", "MEETING_ROOM", 10, true, false);
        AtomicInteger warmRaces = new AtomicInteger();
        report.section("warm-up: races of " + CLIENTS + " for one slot until the JIT settles",
                WarmUp.untilJitSettles(RACE_WARM_UP, MAX_WARM_UP, d -> {
                    long end = System.nanoTime() + d.toNanos();
                    while (System.nanoTime() < end) {
                        int k = warmRaces.getAndIncrement(); // days 100 to 299 ahead, the hours of each
                        racer.race(bookings, Fixtures.ADMIN, CLIENTS, 1, (c, n) -> bookingJson(warmRaceRoom, base.plusDays(100 + k / 23), k % 23));
                    }
                }) + warmRaces.get() + " races\n");

        // and the races for the last seats: the allocations above are decided one or a few at a time, and 64 at once
        // took their batches through code C2 compiled during the measured races (0.3 of sites-service's 0.6 CPU-s,
        // 2026-11-29). Spaces of 50 seats on sites of their own, a new site every five races, so that no warm-up
        // site holds more allocations than the measured one (a decision costs more the more its site holds)
        AtomicInteger warmSeatRaces = new AtomicInteger();
        String[] warmSeatSite = new String[1];
        report.section("warm-up: races of " + CLIENTS + " for the last seats until the JIT settles",
                WarmUp.untilJitSettles(RACE_WARM_UP, MAX_WARM_UP, d -> {
                    long end = System.nanoTime() + d.toNanos();
                    while (System.nanoTime() < end) {
                        int k = warmSeatRaces.getAndIncrement();
                        if (k % SEAT_SPACES == 0) {
                            warmSeatSite[0] = Fixtures.operationalSite(sites, "BENCH-WS-" + k / SEAT_SPACES, 100_000).get("id").asText();
                        }
                        String site = warmSeatSite[0];
                        String plateau = Fixtures.space(sites, site, "Plateau d'échauffement " + k, "OPEN_WORKSPACE", SEATS, false, true);
                        racer.race(allocations, Fixtures.ADMIN, CLIENTS, 2, (c, n) -> allocationJson(site, plateau, base));
                    }
                }) + warmSeatRaces.get() + " races\n");

        // (a) the same slot, 64 at once, 20 times
        LoadGenPauses slotPauses = LoadGenPauses.start();
        Map<String, Double> cpuSlots = Machine.cpuSeconds();
        long slotsBegan = System.nanoTime();
        String batchesBefore = batches(sites);
        AtomicLong extraBookings = new AtomicLong();
        Load.Latencies slots = null;
        List<Load.Latencies> races = new ArrayList<>();
        List<String> eachSlotRace = new ArrayList<>();
        for (int race = 0; race < SLOT_RACES; race++) {
            LocalDate day = base.plusDays(race);
            String raceBegan = java.time.LocalTime.now().toString();
            Load.Latencies l = racer.race(bookings, Fixtures.ADMIN, CLIENTS, 1, (c, n) -> bookingJson(raceRoom, day, 10));
            eachSlotRace.add(eachRace(raceBegan, l));
            races.add(l);
            long won = l.statuses().getOrDefault(201, 0L);
            extraBookings.addAndGet(Math.max(0, won - 1));
            if (won != 1) {
                report.section("race " + race, "bookings made for one slot: " + won);
            }
        }
        slots = merge(races);
        Map<String, Double> cpuSlotsAfter = Machine.cpuSeconds();
        double slotCpu = 1000 * Machine.cpuTotal(cpuSlots, cpuSlotsAfter) / slots.sent();
        double slotPath = 1000 * onThePath(cpuSlots, cpuSlotsAfter) / slots.sent();
        report.section("(a) same slot, " + CLIENTS + " clients, " + SLOT_RACES + " slots", slots.raw("same-slot bookings")
                + "\neach race (began at; p50 / max in ms): " + String.join(", ", eachSlotRace)
                + "\n" + slotPauses.end()
                + "\n" + Machine.cpuUsed(cpuSlots, cpuSlotsAfter, (System.nanoTime() - slotsBegan) / 1e9)
                + String.format("the machine's CPU per request: %.2f ms, of which sites-service and PostgreSQL %.2f ms%n", slotCpu, slotPath)
                + "sites-service's batches (decisions per transaction, time the transaction was open, batches undone), before and after:\n"
                + batchesBefore + "\n" + batches(sites));

        // (b) the last seats: 64 clients, 2 attempts each, for 50 seats
        LoadGenPauses seatPauses = LoadGenPauses.start();
        Map<String, Double> cpuSeats = Machine.cpuSeconds();
        long seatsBegan = System.nanoTime();
        String seatBatchesBefore = batches(sites);
        List<Load.Latencies> seatRaces = new ArrayList<>();
        long granted = 0;
        List<String> eachSeatRace = new ArrayList<>();
        for (String plateau : plateaux) {
            String raceBegan = java.time.LocalTime.now().toString();
            Load.Latencies l = racer.race(allocations, Fixtures.ADMIN, CLIENTS, 2, (c, n) -> allocationJson(siteId, plateau, base));
            eachSeatRace.add(eachRace(raceBegan, l));
            seatRaces.add(l);
            granted += l.statuses().getOrDefault(201, 0L);
        }
        Load.Latencies seats = merge(seatRaces);
        Map<String, Double> cpuSeatsAfter = Machine.cpuSeconds();
        double seatCpu = 1000 * Machine.cpuTotal(cpuSeats, cpuSeatsAfter) / seats.sent();
        double seatPath = 1000 * onThePath(cpuSeats, cpuSeatsAfter) / seats.sent();
        report.section("(b) last seats, " + CLIENTS + " clients x 2 attempts, " + SEAT_SPACES + " spaces of " + SEATS,
                seats.raw("allocations") + "\nseats granted: " + granted + " of " + (SEAT_SPACES * SEATS) + "\n"
                        + "each race (began at; p50 / max in ms): " + String.join(", ", eachSeatRace) + "\n"
                        + seatPauses.end() + "\n"
                        + Machine.cpuUsed(cpuSeats, cpuSeatsAfter, (System.nanoTime() - seatsBegan) / 1e9)
                        + String.format("the machine's CPU per request: %.2f ms, of which sites-service and PostgreSQL %.2f ms%n", seatCpu, seatPath)
                        + "sites-service's batches (decisions per transaction, time the transaction was open, batches undone), before and after:\n"
                        + seatBatchesBefore + "\n" + batches(sites));
        racer.close();

        // (c) distinct slots, as fast as they come: wrk (64 connections) with a script giving each request a slot
        // of its own; the lightest load generator at hand, since it shares the two cores. Three runs on days of
        // their own, the median counts; the database then holds every booking wrk was answered for.
        List<Load.Wrk> distinctRuns = new ArrayList<>();
        List<Double> cpuPerBooking = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            LocalDate firstDay = base.plusDays(1 + 100 * run);
            java.nio.file.Path script = bookingScript(rooms, firstDay, run);
            Map<String, Double> cpuRun = Machine.cpuSeconds();
            long runStarted = System.nanoTime();
            Load.Wrk w = Load.wrk(bookings, Fixtures.ADMIN, CLIENTS, DISTINCT, script);
            Map<String, Double> cpuAfter = Machine.cpuSeconds();
            String cpu = Machine.cpuUsed(cpuRun, cpuAfter, (System.nanoTime() - runStarted) / 1e9);
            // the machine's CPU per booking (every process, the JIT aside): unlike bookings per second, it does not
            // move with the share of the cores the host leaves this machine
            cpuPerBooking.add(1000 * Machine.cpuTotal(cpuRun, cpuAfter) / Math.max(1, w.requests()));
            long stored;
            try (Connection db = Fixtures.db(bench.infra(), "sites")) {
                stored = Fixtures.count(db, "SELECT count(*) FROM booking WHERE site_id = '" + siteId + "' AND space_id NOT IN ('" + raceRoom
                        + "', '" + warmRaceRoom + "') AND starts_at >= '"
                        + firstDay + "' AND starts_at < '" + firstDay.plusDays(60) + "'");
            }
            distinctRuns.add(w);
            report.section("(c) distinct slots, run " + (run + 1) + ", wrk, " + CLIENTS + " connections, " + DISTINCT.toSeconds() + " s",
                    w.raw() + "\nbookings stored for these days: " + stored + " (wrk was answered for " + w.requests() + ")\n" + cpu);
            if (w.non2xx() > 0 || stored < w.requests()) {
                throw new IllegalStateException("distinct-slot bookings failed or went missing: " + w.raw());
            }
        }
        List<Load.Wrk> byRate = distinctRuns.stream().sorted(java.util.Comparator.comparingDouble(Load.Wrk::rps)).toList();
        Load.Wrk distinct = byRate.get(1);
        double perSecond = distinct.rps();
        String allRates = distinctRuns.stream().map(w -> Load.f(w.rps())).collect(java.util.stream.Collectors.joining(" / "));

        // (d) distinct slots at the required rate, open loop: latency when the arrivals do not exceed what it can take
        // after 10 s at the same rate on days of their own (unrecorded): the client's connections and its JIT, which
        // share the cores; without it the first seconds measured the bench's own start
        Load.Latencies atRate;
        Load.Latencies lowRate;
        String timeline;
        long[] dbBefore;
        long[] dbAfter;
        try (OpenLoop loop = new OpenLoop(CLIENTS)) {
            Load.Latencies cold = loop.post(bookings, Fixtures.ADMIN, i -> bookingJson(rooms.get(i % CLIENTS),
                    base.plusDays(262 + (i / CLIENTS) / 8), 8 + (i / CLIENTS) % 8), RATE, OPEN_LOOP_WARM_UP);
            report.section("(d) its warm-up, not counted: the client's first " + OPEN_LOOP_WARM_UP.toSeconds() + " s",
                    String.format("p50 %.1f ms, p99 %.1f ms%n", cold.p(50), cold.p(99)) + loop.timeline());
            Map<String, Double> cpuAtRate = Machine.cpuSeconds();
            dbBefore = commits();
            long atRateStarted = System.nanoTime();
            atRate = loop.post(bookings, Fixtures.ADMIN, i -> bookingJson(rooms.get(i % CLIENTS), base.plusDays(70 + (i / CLIENTS) / 8),
                    8 + (i / CLIENTS) % 8), RATE, DISTINCT);
            timeline = loop.timeline() + "\n" + Machine.cpuUsed(cpuAtRate, Machine.cpuSeconds(), (System.nanoTime() - atRateStarted) / 1e9);
            dbAfter = commits();
            // the comparator: the same bookings at a tenth of the rate, where nothing queues (the latency of one booking)
            lowRate = loop.post(bookings, Fixtures.ADMIN, i -> bookingJson(rooms.get(i % CLIENTS), base.plusDays(96 + (i / CLIENTS) / 8),
                    8 + (i / CLIENTS) % 8), RATE / 10, DISTINCT);
        }
        report.section("(d) distinct slots at " + RATE + "/s, open loop over " + CLIENTS + " connections, after "
                + OPEN_LOOP_WARM_UP.toSeconds() + " s at that rate", atRate.raw("bookings") + "\n" + timeline);
        report.section("(d) the same at " + RATE / 10 + "/s", lowRate.raw("bookings"));
        report.section("(d) how the outbox relay published the " + RATE + "/s run's events", publishing(dbBefore, dbAfter, atRate.sent()));
        if (atRate.failed() + lowRate.failed() > 0) {
            throw new IllegalStateException("open-loop bookings failed: " + atRate.statuses() + " " + lowRate.statuses());
        }

        long overlaps;
        long oversold;
        try (Connection db = Fixtures.db(bench.infra(), "sites")) {
            overlaps = Fixtures.count(db, """
                    SELECT count(*) FROM booking a JOIN booking b ON a.space_id = b.space_id AND a.id < b.id
                     AND a.period && b.period WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED'""");
            oversold = Fixtures.count(db, """
                    SELECT coalesce(sum(taken - s.seats), 0) FROM space s JOIN (SELECT space_id, sum(seats) AS taken
                     FROM allocation WHERE status = 'ACTIVE' GROUP BY space_id) a ON a.space_id = s.id WHERE taken > s.seats""");
            report.section("database checks", "overlapping confirmed bookings: " + overlaps + "\noversold seats: " + oversold
                    + "\nbookings made by clients beyond one per raced slot: " + extraBookings.get());
        }
        report.row("4. Same slot and last seats, " + CLIENTS + " clients: double bookings / oversold seats",
                (overlaps + extraBookings.get()) + " / " + oversold, "seats granted " + granted + " of " + SEAT_SPACES * SEATS, "",
                "0 / 0", overlaps + extraBookings.get() == 0 && oversold == 0 && granted == SEAT_SPACES * SEATS);
        double p99 = Math.max(slots.p(99), seats.p(99));
        double served = (slots.sent() + seats.sent()) / ((slots.histogram().getMean() * slots.sent() + seats.histogram().getMean()
                * seats.sent()) / 1e6 / CLIENTS);
        // what 64 requests at once cost the machine: the CPU per request of every process (the service, PostgreSQL,
        // the events' consumers, the load generator) times 64, over the cores; races follow one another, so the
        // consumers' share of one race is spent during the next
        int cores = Runtime.getRuntime().availableProcessors();
        report.row("4. Contended requests (64 at once on one slot / the last seats), p99", String.format("%.0f ms", p99),
                String.format("same slot %.0f ms, last seats %.0f ms; the machine's CPU per request %.2f / %.2f ms, so 64 at once"
                        + " keep all %d cores busy %.0f / %.0f ms, sites-service and PostgreSQL alone %.0f / %.0f ms;"
                        + " Little's law: 64 / %.0f req/s = %.0f ms mean",
                        slots.p(99), seats.p(99), slotCpu, seatCpu, cores, 64 * slotCpu / cores, 64 * seatCpu / cores,
                        64 * slotPath / cores, 64 * seatPath / cores, served, 64_000 / served), "", "<= 50 ms", p99 <= 50);
        report.row("4. Bookings of distinct slots, " + CLIENTS + " connections as fast as answered (wrk, median of 3 runs)",
                Load.f(perSecond) + " bookings/s", "runs " + allRates + "/s; the machine's CPU per booking "
                        + cpuPerBooking.stream().map(ms -> String.format("%.1f", ms)).collect(java.util.stream.Collectors.joining(" / "))
                        + " ms; latencies in the result file", "", ">= 500 bookings/s",
                perSecond >= 500);
        report.row("4. Bookings of distinct slots at " + RATE + "/s (open loop), p99", String.format("%.1f ms", atRate.p(99)),
                String.format("p50 %.1f ms; %d of %d booked; at %d/s: p50 %.1f ms, p99 %.1f ms", atRate.p(50),
                        atRate.statuses().getOrDefault(201, 0L), atRate.sent(), RATE / 10, lowRate.p(50), lowRate.p(99)), "",
                "<= 50 ms", atRate.p(99) <= 50 && atRate.failed() == 0);
    }

    /** CPU-s of the processes every contended request needs before its answer: sites-service and PostgreSQL. */
    private static double onThePath(Map<String, Double> before, Map<String, Double> after) {
        return java.util.stream.Stream.of("sites-service", "postgresql")
                .mapToDouble(p -> after.getOrDefault(p, 0.0) - before.getOrDefault(p, 0.0)).sum();
    }

    /**
     * How a series of races starts, and the load generator's own garbage collections while it times them. Its young
     * collections (G1, every few seconds under the warm-ups' load) pause it for 2-21 ms, and a race it was timing
     * then took that much longer: on 2026-12-06 the one race of twenty whose requests took 54 ms at the median
     * instead of 17-22 ms began 22 ms before a 20 ms pause of the load generator (GC logs of every JVM), and set the
     * same-slot p99. So the series starts on an empty young generation (a full collection first; its requests
     * allocate far less than the fixed 1 GiB heap's young generation), and its report says how many collections
     * the load generator still made while timing. It also starts once the machine is quiet (at most 5 s): the
     * first race right after the warm-up shared the cores with the warm-up's last events still being relayed
     * and consumed (63 ms at the median against 12-27 ms for the next nineteen).
     */
    private record LoadGenPauses(long collections, long millis, long quietAfterMillis, long[] ticks) {
        static LoadGenPauses start() throws InterruptedException {
            System.gc();
            long began = System.nanoTime();
            long deadline = began + 5_000_000_000L;
            while (Machine.busyShare(java.time.Duration.ofMillis(200)) > 0.10 && System.nanoTime() < deadline) {
                // the warm-up's tail: events still relayed and consumed
            }
            LoadGenPauses now = now();
            return new LoadGenPauses(now.collections, now.millis, (System.nanoTime() - began) / 1_000_000, Machine.cpuStat());
        }

        private static LoadGenPauses now() {
            long count = 0;
            long time = 0;
            for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                time += Math.max(0, gc.getCollectionTime());
            }
            return new LoadGenPauses(count, time, 0, null);
        }

        String end() {
            LoadGenPauses after = now();
            return String.format("the races began once the machine was quiet (under 10%% busy over 200 ms; after %d ms)"
                    + " on the load generator's empty young generation; its own garbage collections while timing them: %d"
                    + " (%d ms); the CPU the host took meanwhile (steal): %.1f%%", quietAfterMillis, after.collections - collections,
                    after.millis - millis, Machine.stolenPercent(ticks, Machine.cpuStat()));
        }
    }

    /** One race's line: when it began, its median and its slowest request (a stall shows as one race far out). */
    private static String eachRace(String began, Load.Latencies l) {
        return String.format("%s %.1f / %.1f", began, l.p(50), l.histogram().getMaxValue() / 1000.0);
    }

    /** sites-service's meters of batched decisions (bookings of a room, hosting decisions at a site), as Prometheus gives them. */
    private static String batches(String sites) {
        return Load.send(Load.get(sites + "/q/metrics", null)).body().lines()
                .filter(line -> line.matches("technopark_sites_(bookings|decisions)_((per_transaction|transaction_seconds)_(count|sum|max)|undone_total) .*"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The database's clock (epoch microseconds) and sites' committed transactions so far, read at the same moment. */
    private long[] commits() throws java.sql.SQLException {
        try (Connection db = Fixtures.db(bench.infra(), "sites"); java.sql.Statement st = db.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT (extract(epoch FROM clock_timestamp()) * 1e6)::bigint, xact_commit"
                        + " FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /**
     * The events recorded between two {@link #commits} readings, and the relay transactions that published them
     * (their {@code published_at} is the publishing transaction's start): events per publishing transaction, and the
     * sites database's commits per booking. (The statistics view is refreshed about every half a second, so
     * commits are approximate.)
     */
    private String publishing(long[] before, long[] after, long bookings) throws java.sql.SQLException {
        try (Connection db = Fixtures.db(bench.infra(), "sites"); java.sql.PreparedStatement st = db.prepareStatement(
                "SELECT count(*), count(DISTINCT published_at), count(*) FILTER (WHERE published_at IS NULL) FROM outbox_event"
                        + " WHERE created_at >= to_timestamp(? / 1e6) AND created_at < to_timestamp(? / 1e6)")) {
            st.setLong(1, before[0]);
            st.setLong(2, after[0]);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                long events = rs.getLong(1);
                long transactions = rs.getLong(2);
                return String.format("events recorded: %d (%d not yet published); publishing transactions: %d, %.1f events each"
                        + "%ncommits in the sites database meanwhile: %d, %.1f per booking", events, rs.getLong(3), transactions,
                        events / (double) Math.max(1, transactions), after[1] - before[1], (after[1] - before[1]) / (double) Math.max(1, bookings));
            }
        }
    }

    /**
     * A wrk script whose requests book distinct slots: request k of thread t (of 2) takes room (2k + t) mod 64, and the
     * next free hour from 08:00 to 16:00 of the days from {@code firstDay} on.
     */
    private java.nio.file.Path bookingScript(List<String> rooms, LocalDate firstDay, int run) throws java.io.IOException {
        String lua = """
                local rooms = { %s }
                local first = %d -- the first day, in seconds since the epoch (UTC midnight)
                local threads = 0
                function setup(thread)
                  thread:set("me", threads)
                  threads = threads + 1
                end
                local counter = 0
                function init(args)
                  wrk.headers["Content-Type"] = "application/json"
                end
                function request()
                  local k = counter * 2 + me
                  counter = counter + 1
                  local room = rooms[(k %% #rooms) + 1]
                  local n = math.floor(k / #rooms)
                  local day = os.date("!%%Y-%%m-%%d", first + math.floor(n / 8) * 86400)
                  local hour = 8 + n %% 8
                  return wrk.format("POST", nil, nil, string.format(
                    [[{"spaceId": "%%s", "title": "Banc d'essai", "date": "%%s", "startTime": "%%02d:00", "endTime": "%%02d:00"}]],
                    room, day, hour, hour + 1))
                end
                """.formatted(rooms.stream().map(r -> "\"" + r + "\"").collect(java.util.stream.Collectors.joining(", ")),
                firstDay.toEpochDay() * 86_400L);
        java.nio.file.Path script = bench.work().resolve("bookings-" + run + ".lua");
        java.nio.file.Files.writeString(script, lua);
        return script;
    }

    /** One seat of {@code space} from {@code start}, for a new startup: its status (201 granted, 409 full). */
    private static int allocate(String url, String siteId, String space, LocalDate start) {
        return Load.send(Load.post(url, Fixtures.ADMIN, allocationJson(siteId, space, start))).statusCode();
    }

    /** One seat for a new startup. */
    private static String allocationJson(String siteId, String space, LocalDate start) {
        return """
                {"siteId": "%s", "spaceId": "%s", "startupId": "%s", "seats": 1, "startDate": "%s"}"""
                .formatted(siteId, space, UUID.randomUUID(), start);
    }

    private static int book(String url, String room, LocalDate day, int hour) {
        HttpResponse<String> r = Load.send(Load.post(url, Fixtures.ADMIN, bookingJson(room, day, hour)));
        return r.statusCode();
    }

    private static String bookingJson(String room, LocalDate day, int hour) {
        return """
                {"spaceId": "%s", "title": "Banc d'essai", "date": "%s", "startTime": "%02d:00", "endTime": "%02d:00"}"""
                .formatted(room, day, hour, hour + 1);
    }

    private static Load.Latencies merge(List<Load.Latencies> all) {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(120_000_000L, 3);
        java.util.Map<Integer, Long> statuses = new java.util.TreeMap<>();
        long sent = 0;
        long failed = 0;
        for (Load.Latencies l : all) {
            h.add(l.histogram());
            l.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
            sent += l.sent();
            failed += l.failed();
        }
        return new Load.Latencies(h, sent, failed, statuses);
    }
}
