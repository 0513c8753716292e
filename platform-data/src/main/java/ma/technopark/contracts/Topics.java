package ma.technopark.contracts;

/** The platform's topics: one per owning service and version; dead letters go to {@code <topic>.dlq}. */
public final class Topics {
    public static final String SITES = "technopark.sites.v1";
    public static final String STARTUPS = "technopark.startups.v1";
    public static final String PROGRAMS = "technopark.programs.v1";

    private Topics() {
    }

    public static String deadLetters(String topic) {
        return topic + ".dlq";
    }
}
