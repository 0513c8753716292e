package ma.technopark.platform.security;

/** The roles of the {@code groups} claim. */
public final class Roles {
    public static final String ADMIN = "admin";
    /** Scoped by the {@code sites} claim (site codes). */
    public static final String SITE_MANAGER = "site-manager";
    public static final String PROGRAMME_MANAGER = "programme-manager";
    /** Scoped by the {@code startupId} claim. */
    public static final String STARTUP = "startup";
    /** Scoped by the {@code partnerId} claim. */
    public static final String PARTNER = "partner";

    private Roles() {
    }
}
