package ma.technopark.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** How an unexpected exception is classified before it could become a 500. */
class ProblemsTest {

    @Test
    void aBrokenDatabaseConnectionIsUnavailabilityNotAClientGone() {
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketException("Connection reset"));
        PersistenceException e = new PersistenceException(broken);
        assertTrue(Problems.isDatabaseUnavailable(e));
        assertFalse(Problems.isClientGone(e));
    }

    @Test
    void aFailedWriteToTheCallerIsAClientGone() {
        assertTrue(Problems.isClientGone(new IOException(new IOException("Failed to write"))));
        assertFalse(Problems.isClientGone(new IOException("disk full")));
    }

    @Test
    void anOptimisticLockIsAConcurrentChangeAndARefusedValueIsTheCallers() {
        assertTrue(Problems.isConcurrentChange(new OptimisticLockException("row changed")));
        assertTrue(Problems.isConcurrentChange(new PersistenceException(new SQLException("deadlock detected", "40P01"))));
        assertTrue(Problems.isConcurrentChange(new PersistenceException(new SQLException("could not serialize", "40001"))));
        assertFalse(Problems.isConcurrentChange(new PersistenceException(new SQLException("unique", "23505"))));
        assertTrue(Problems.isRejectedValue(new PersistenceException(new SQLException("invalid byte sequence", "22021"))));
        assertFalse(Problems.isRejectedValue(new PersistenceException(new SQLException("unique", "23505"))));
    }

    @Test
    void aUniqueViolationIsADuplicateAndNothingElseIs() {
        assertTrue(Problems.isDuplicate(new PersistenceException(new SQLException("duplicate key value", "23505"))));
        assertFalse(Problems.isDuplicate(new PersistenceException(new SQLException("foreign key", "23503"))));
        assertFalse(Problems.isDuplicate(new PersistenceException(new SQLException("deadlock detected", "40P01"))));
    }

    @Test
    void aCommitRefusedBecauseTheDatabaseWentAwayIsUnavailability() {
        // Narayana's RollbackException carries the driver's error as a suppressed exception, not as its cause
        Exception commit = new IllegalStateException("Could not commit transaction.");
        commit.addSuppressed(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        assertTrue(Problems.isDatabaseUnavailable(new RuntimeException(commit)));
    }
}
