package ma.technopark.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.IllegalReferenceCountException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ClientGoneLogFilterTest {
    private final ClientGoneLogFilter filter = new ClientGoneLogFilter();

    private static LogRecord record(String logger, String message, Throwable thrown) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }

    @Test
    void dropsOnlyNettysWarningAboutAnAnswerToAClientThatLeft() {
        String message = ClientGoneLogFilter.MESSAGE + ": DefaultChannelPromise@22f47468(failure: StacklessClosedChannelException)";
        assertFalse(filter.isLoggable(record(ClientGoneLogFilter.LOGGER, message,
                new IllegalReferenceCountException(0, -1))));
        assertFalse(filter.isLoggable(record(ClientGoneLogFilter.LOGGER, message, new ClosedChannelException())));
        // the same warning with another cause, another warning of that logger, or another logger: kept
        assertTrue(filter.isLoggable(record(ClientGoneLogFilter.LOGGER, message, new IllegalStateException("bug"))));
        assertTrue(filter.isLoggable(record(ClientGoneLogFilter.LOGGER, "An exception was thrown by a user handler",
                new ClosedChannelException())));
        assertTrue(filter.isLoggable(record("io.vertx.core.impl.ContextImpl", message, new ClosedChannelException())));
        assertTrue(filter.isLoggable(record(ClientGoneLogFilter.LOGGER, null, null)));
    }
}
