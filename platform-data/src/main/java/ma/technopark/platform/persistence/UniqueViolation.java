package ma.technopark.platform.persistence;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Which unique constraint refused a write. A uniqueness the database enforces is checked there once, by the write
 * itself, rather than by a query before it: the query costs a round trip on every write, and two requests at once
 * both pass it, so the constraint decides anyway. A service catches the failed flush and answers its own 409 for
 * the constraints it knows; any other duplicate is the generic 409 {@code duplicate}.
 */
public final class UniqueViolation {
    private UniqueViolation() {
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
