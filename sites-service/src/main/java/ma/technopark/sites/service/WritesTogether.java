package ma.technopark.sites.service;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import ma.technopark.platform.events.DomainEvents;
import org.hibernate.Session;

/**
 * The writes of decisions taken together in one transaction (a {@link ma.technopark.platform.concurrent.Combiner}'s
 * batch, the lock held): their rows are inserted in JDBC batches and their events recorded after the last decision,
 * so that the commit sends a batch of rows and a batch of events instead of two round trips per decision while the
 * lock is held. The events are held because Hibernate batches only consecutive inserts of one entity: recorded
 * between the decisions, each event would end the rows' batch. A decision that reads what the batch wrote either
 * flushes first or counts the batch's rows itself.
 */
@ApplicationScoped
class WritesTogether {
    /** The transaction's events held back until its decisions are taken (a resource of the transaction). */
    private static final Object HELD_EVENTS = new Object();

    private final EntityManager em;
    private final DomainEvents events;
    private final TransactionSynchronizationRegistry transactions;

    WritesTogether(EntityManager em, DomainEvents events, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * Takes {@code n} decisions in this transaction: one alone as usual, several with their writes together. Once
     * they are taken, the held events are recorded, in the order they were decided.
     */
    void take(int n, Runnable decisions) {
        if (n == 1) {
            decisions.run();
            return;
        }
        em.unwrap(Session.class).setJdbcBatchSize(n);
        List<Runnable> held = new ArrayList<>();
        transactions.putResource(HELD_EVENTS, held);
        decisions.run();
        held.forEach(Runnable::run);
    }

    /**
     * Records an event now, or after the last of the transaction's decisions when they are taken together; either
     * way under the trace of the request that decided it, whichever request's thread records it.
     */
    @SuppressWarnings("unchecked")
    void record(String type, Object aggregateId, Object payload) {
        List<Runnable> held = (List<Runnable>) transactions.getResource(HELD_EVENTS);
        if (held == null) {
            events.record(type, aggregateId, payload);
            return;
        }
        Context trace = Context.current();
        held.add(() -> {
            try (Scope ignored = trace.makeCurrent()) {
                events.record(type, aggregateId, payload);
            }
        });
    }
}
