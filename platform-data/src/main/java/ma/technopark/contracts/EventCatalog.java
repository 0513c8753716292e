package ma.technopark.contracts;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every event the services publish: its type, its topic, what it means and its payload's fields. The outbox refuses
 * a type that is not here ({@code DomainEvents}), so this list is exactly what can travel on the topics, and the
 * AsyncAPI documents are made from it.
 */
public final class EventCatalog {
    public static final String TYPE_PREFIX = "ma.technopark.";

    /** A payload field: its name, its kind (uuid, string, integer, boolean, date, date-time, money, uuid[], string[]). */
    public record Field(String name, String kind, boolean nullable) {
    }

    /** One event type; {@code type} is without the {@code ma.technopark.} prefix. */
    public record EventType(String type, String topic, String summary, List<Field> fields) {
        public String fullType() {
            return TYPE_PREFIX + type;
        }
    }

    private static final Map<String, EventType> TYPES = new LinkedHashMap<>();

    static {
        // sites-service
        add(record(SiteChanged.REGISTERED, Topics.SITES, "A site joined the network (its snapshot).", SiteChanged.class));
        add(record(SiteChanged.UPDATED, Topics.SITES, "A site's details changed (its snapshot).", SiteChanged.class));
        add(record(SiteChanged.STATUS_CHANGED, Topics.SITES, "A site moved in its life cycle (its snapshot).", SiteChanged.class));
        add(fields("sites.space.capacity-changed", Topics.SITES, "A space's seats or uses changed.",
                f("spaceId", "uuid"), f("siteId", "uuid"), f("siteCode", "string"), f("type", "string"),
                f("previousSeats", "integer"), f("seats", "integer"), f("bookable", "boolean"), f("allocatable", "boolean")));
        add(record(HostingDecided.ALLOCATED, Topics.SITES, "Seats were allocated to a startup (the saga's answer, or a waitlist promotion).",
                HostingDecided.class));
        add(record(HostingDecided.WAITLISTED, Topics.SITES, "The site was full: the request waits in line.", HostingDecided.class));
        add(record(HostingDecided.RELEASED, Topics.SITES, "An allocation was released.", HostingDecided.class));
        String[] booking = {"bookingId:uuid", "siteId:uuid", "siteCode:string", "spaceId:uuid", "title:string",
            "startsAt:date-time", "endsAt:date-time", "status:string", "seriesId:string", "bookedBy:string",
            "heldFor:string"};
        add(fields("sites.booking.confirmed", Topics.SITES, "A room was booked for a time slot.", parse(booking)));
        add(fields("sites.booking.cancelled", Topics.SITES, "A booking was cancelled.", parse(booking)));
        add(fields("sites.booking.moved", Topics.SITES, "A booking was moved to another slot (or room); the previous one is free.",
                parse(with(booking, "previousSpaceId:uuid", "previousStartsAt:date-time", "previousEndsAt:date-time"))));
        add(fields("sites.nomad.checked-in", Topics.SITES, "A digital nomad checked in with a pass.",
                f("passId", "uuid"), f("visitId", "uuid"), f("siteId", "uuid"), f("siteCode", "string"), f("checkedInAt", "date-time")));
        // startups-service
        add(record(StartupChanged.REGISTERED, Topics.STARTUPS, "A startup or project holder registered (its snapshot).",
                StartupChanged.class));
        add(record(StartupChanged.UPDATED, Topics.STARTUPS, "A startup's profile, stage or status changed (its snapshot).",
                StartupChanged.class));
        add(fields("startups.application.submitted", Topics.STARTUPS, "An incubation application was submitted.",
                f("applicationId", "uuid"), f("startupId", "uuid"), f("siteCode", "string"), f("seats", "integer")));
        add(fields("startups.application.decided", Topics.STARTUPS, "The committee decided on an application.",
                f("applicationId", "uuid"), f("startupId", "uuid"), f("siteCode", "string"), f("outcome", "string"),
                f("reason", "string")));
        add(record(ApplicationAccepted.TYPE, Topics.STARTUPS, "An application was accepted: the site is asked for seats (the saga).",
                ApplicationAccepted.class));
        add(fields("startups.residency.started", Topics.STARTUPS, "A residency began once the site allocated the seats.",
                f("residencyId", "uuid"), f("applicationId", "uuid"), f("startupId", "uuid"), f("siteCode", "string"),
                f("seats", "integer"), f("status", "string")));
        add(record(ResidencyEnded.TYPE, Topics.STARTUPS, "A residency ended: the site releases the seats.", ResidencyEnded.class));
        add(fields("startups.kpi.reported", Topics.STARTUPS, "A startup reported its KPIs for a quarter.",
                f("reportId", "uuid"), f("startupId", "uuid"), f("homeSiteCode", "string"), f("year", "integer"),
                f("quarter", "integer"), f("revenue", "money"), f("employees", "integer"), f("fundsRaised", "money"),
                f("customers", "integer")));
        // programs-service
        String[] programme = {"programmeId:uuid", "code:string", "name:string", "kind:string", "eligibleStages:string[]",
            "siteCodes:string[]", "fundingConventionIds:uuid[]"};
        add(fields("programs.programme.published", Topics.PROGRAMS, "A programme opened to applications.", parse(programme)));
        add(fields("programs.programme.updated", Topics.PROGRAMS, "A published programme's details changed (its new state).",
                parse(programme)));
        add(fields("programs.cohort.opened", Topics.PROGRAMS, "A cohort opened for enrolments.",
                f("cohortId", "uuid"), f("programmeId", "uuid"), f("name", "string"), f("siteCode", "string"),
                f("startDate", "date"), f("endDate", "date"), f("capacity", "integer")));
        String[] enrolment = {"enrolmentId:uuid", "startupId:uuid", "cohortId:uuid", "programmeId:uuid", "programmeCode:string",
            "programmeName:string", "siteCode:string", "status:string", "fundingConventionIds:uuid[]"};
        add(fields("programs.enrolment.accepted", Topics.PROGRAMS, "A startup got a place in a cohort (a beneficiary).", parse(enrolment)));
        add(fields("programs.enrolment.completed", Topics.PROGRAMS, "A startup completed a programme.", parse(enrolment)));
        add(fields("programs.enrolment.dropped", Topics.PROGRAMS, "A startup left a cohort.", parse(enrolment)));
        String[] session = {"sessionId:uuid", "cohortId:uuid", "title:string", "kind:string", "siteCode:string", "spaceId:uuid",
            "bookingId:uuid", "startsAt:date-time", "endsAt:date-time"};
        add(fields("programs.session.scheduled", Topics.PROGRAMS, "A cohort session was scheduled in a booked room.", parse(session)));
        add(fields("programs.session.cancelled", Topics.PROGRAMS, "A cohort session was cancelled and its room booking with it "
                + "(cancelledBy: the subject of the caller's token, or sites-service when the booking was cancelled there).",
                parse(with(session, "cancelledBy:string"))));
        add(fields("programs.session.moved", Topics.PROGRAMS, "A cohort session was moved to another slot (or room), its room "
                + "booking with it (movedBy: the subject of the caller's token, or sites-service when the booking was moved there).",
                parse(with(session, "previousSpaceId:uuid", "previousStartsAt:date-time", "previousEndsAt:date-time",
                        "movedBy:string"))));
        add(fields("programs.introduction.closed", Topics.PROGRAMS, "A market-access introduction reached its outcome.",
                f("introductionId", "uuid"), f("startupId", "uuid"), f("partnerId", "uuid"), f("opportunityId", "string"),
                f("outcome", "string")));
    }

    private EventCatalog() {
    }

    public static List<EventType> all() {
        return List.copyOf(TYPES.values());
    }

    public static List<EventType> onTopic(String topic) {
        return TYPES.values().stream().filter(t -> t.topic().equals(topic)).toList();
    }

    /** The event type, with or without the {@code ma.technopark.} prefix. */
    public static Optional<EventType> find(String type) {
        return Optional.ofNullable(TYPES.get(type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type));
    }

    /** Fails when a service would publish a type the catalog does not list, or on another service's topic. */
    public static EventType require(String type, String topic) {
        EventType known = find(type).orElseThrow(() -> new IllegalArgumentException(
                "event type " + type + " is not in the EventCatalog: add it there (and so to the AsyncAPI document)"));
        if (!known.topic().equals(topic)) {
            throw new IllegalArgumentException("event type " + type + " belongs on " + known.topic() + ", not " + topic);
        }
        return known;
    }

    private static void add(EventType type) {
        if (TYPES.put(type.type(), type) != null) {
            throw new IllegalStateException("event type listed twice: " + type.type());
        }
    }

    private static Field f(String name, String kind) {
        return new Field(name, kind, !kind.equals("integer") && !kind.equals("boolean"));
    }

    private static Field[] parse(String[] specs) {
        return Arrays.stream(specs).map(s -> f(s.substring(0, s.indexOf(':')), s.substring(s.indexOf(':') + 1))).toArray(Field[]::new);
    }

    private static String[] with(String[] specs, String... more) {
        String[] all = Arrays.copyOf(specs, specs.length + more.length);
        System.arraycopy(more, 0, all, specs.length, more.length);
        return all;
    }

    private static EventType fields(String type, String topic, String summary, Field... fields) {
        return new EventType(type, topic, summary, List.of(fields));
    }

    private static EventType record(String type, String topic, String summary, Class<? extends Record> payload) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent c : payload.getRecordComponents()) {
            Class<?> t = c.getType();
            String kind = t == UUID.class ? "uuid" : t == LocalDate.class ? "date"
                    : t == Instant.class || t == OffsetDateTime.class ? "date-time"
                    : t == int.class || t == long.class || t == Integer.class || t == Long.class ? "integer"
                    : t == boolean.class || t == Boolean.class ? "boolean" : "string";
            fields.add(new Field(c.getName(), kind, !t.isPrimitive()));
        }
        return new EventType(type, topic, summary, List.copyOf(fields));
    }
}
