package ma.technopark.platform.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import java.util.function.Supplier;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Which unique constraint refused a write. A uniqueness the database enforces is checked there once, by the write
 * itself, rather than by a query before it: the query costs a round trip on every write, and two requests at once
 * both pass it, so the constraint decides anyway. A service catches the failed flush and answers its own 409 for
 * the constraints it knows ({@link #flush}); any other duplicate is the generic 409 {@code duplicate}.
 */
public final class UniqueViolation {
    private UniqueViolation() {
    }

    /**
     * Writes the transaction's changes now; when one of {@code constraints} refuses them, throws what {@code conflict}
     * makes instead (a 409 naming the field). The refused write has marked the transaction for rollback: nothing is
     * kept. Several names: a uniqueness whose constraint a migration replaced, in a database where it could not.
     */
    public static void flush(Supplier<? extends RuntimeException> conflict, String... constraints) {
        try {
            Panache.flush();
        } catch (RuntimeException e) {
            for (String constraint : constraints) {
                if (of(e, constraint)) {
                    throw conflict.get();
                }
            }
            throw e;
        }
    }

    /** True when {@code e} (or one of its causes) is the database refusing a row that breaks {@code constraint}. */
    public static boolean of(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE
                    && constraint.equalsIgnoreCase(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
