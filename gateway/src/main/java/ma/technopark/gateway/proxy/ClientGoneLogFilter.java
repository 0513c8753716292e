package ma.technopark.gateway.proxy;

import io.netty.util.IllegalReferenceCountException;
import io.quarkus.logging.LoggingFilter;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops Netty's warning, with its stack trace, each time a client closes its connection while the gateway is still
 * sending it a service's answer (configured as the console's filter, {@code client-gone}). Vert.x's proxy then
 * resets the answer on the closed connection, and Netty reports that the write it refused had failed already: a
 * warning about the client's departure, not about the gateway or the service (the proxy releases the backend's
 * connection and the circuit ignores it, {@code CircuitBreaker.onAbandoned}). Mobile clients leave mid-answer all
 * the time, and so does every load generator at the end of a run: 22 such warnings, about 60 lines each, in six
 * 4-second wrk runs against a gateway without this filter, none with it. Every other warning of that logger, and every
 * other cause, still shows.
 */
@LoggingFilter(name = ClientGoneLogFilter.NAME)
public final class ClientGoneLogFilter implements Filter {
    static final String NAME = "client-gone";
    static final String LOGGER = "io.netty.channel.AbstractChannelHandlerContext";
    static final String MESSAGE = "Failed to mark a promise as failure because it has failed already";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(LOGGER.equals(record.getLoggerName()) && record.getMessage() != null
                && record.getMessage().startsWith(MESSAGE) && clientGone(record.getThrown()));
    }

    private static boolean clientGone(Throwable thrown) {
        return thrown instanceof IllegalReferenceCountException || thrown instanceof ClosedChannelException;
    }
}
