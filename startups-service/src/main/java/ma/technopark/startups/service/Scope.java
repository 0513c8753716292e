package ma.technopark.startups.service;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Caller;
import ma.technopark.platform.security.Roles;

/** What the caller may see: a startup token only its own startup (others' look like they do not exist). */
@RequestScoped
public class Scope {
    private final Caller caller;

    public Scope(Caller caller) {
        this.caller = caller;
    }

    /** Staff see every startup: admins, programme managers and site managers. */
    public boolean staff() {
        return caller.admin() || caller.is(Roles.PROGRAMME_MANAGER) || caller.is(Roles.SITE_MANAGER);
    }

    /** The startup a startup token is scoped to, or null for staff. */
    public UUID ownStartup() {
        if (staff()) {
            return null;
        }
        return caller.startupId().map(UUID::fromString)
                .orElseThrow(() -> ApiException.forbidden("This token is not scoped to a startup"));
    }

    /** 404 unless the caller may see this startup's records. */
    public void requireVisible(UUID startupId, String what, Object id) {
        if (!staff() && !startupId.equals(ownStartup())) {
            throw ApiException.notFound(what, id);
        }
    }

    public String subject() {
        return caller.subject();
    }

    public boolean admin() {
        return caller.admin();
    }
}
