package ma.technopark.programs;

import io.quarkus.arc.Arc;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Registered on the sites-service client in tests ({@code %test.quarkus.rest-client.sites.providers}): records the
 * status of the JTA transaction each call to sites-service was sent under, which the REST client would otherwise
 * carry onto the event loop that handles the answer.
 */
public class TransactionProbe implements ClientRequestFilter {
    static final List<Integer> STATUSES = new CopyOnWriteArrayList<>();

    @Override
    public void filter(ClientRequestContext request) {
        try {
            STATUSES.add(Arc.container().instance(TransactionManager.class).get().getStatus());
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean noneInATransaction() {
        return STATUSES.stream().allMatch(s -> s == Status.STATUS_NO_TRANSACTION);
    }
}
