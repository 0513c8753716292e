package ma.technopark.contracts;

/** The platform's topics: one per owning service and version; dead letters go to {@code <topic>.dlq}. */
public final class Topics {
    public static final String SITES = "technopark.sites.v1";
    public static final String STARTUPS = "technopark.startups.v1";
    public static final String PROGRAMS = "technopark.programs.v1";
    /** Every topic the services publish to (each with its dead-letter topic). */
    public static final java.util.List<String> ALL = java.util.List.of(SITES, STARTUPS, PROGRAMS);

    private Topics() {
    }

    public static String deadLetters(String topic) {
        return topic + ".dlq";
    }
}
