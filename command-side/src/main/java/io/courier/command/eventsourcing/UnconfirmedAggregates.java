package io.courier.command.eventsourcing;

import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregates a command took from the cache without reading the event store, each with the version it had
 * then. Held by the root unit of work of a command that a {@link CachedDecisionCheck} guards; aggregates that
 * handlers of nested commands load belong to it too, since the root's answer is the one that leaves.
 */
final class UnconfirmedAggregates {

    private static final String RESOURCE = UnconfirmedAggregates.class.getName();

    private final List<Unconfirmed> aggregates = new ArrayList<>();

    /** Present only where a check runs before the answer leaves: there a cached aggregate may be used as it is. */
    static Optional<UnconfirmedAggregates> of(UnitOfWork<?> unitOfWork) {
        return Optional.ofNullable(unitOfWork.root().getResource(RESOURCE));
    }

    static UnconfirmedAggregates track(UnitOfWork<?> root) {
        return root.getOrComputeResource(RESOURCE, key -> new UnconfirmedAggregates());
    }

    void add(UpToDateCachingRepository<?> repository, String aggregateIdentifier, EventSourcedAggregate<?> aggregate) {
        aggregates.add(new Unconfirmed(repository, aggregateIdentifier, aggregate, aggregate.version()));
    }

    /**
     * Reads, for each aggregate whose stale state no append would refuse, whether events were stored after the
     * version it decided on. An aggregate the command appended to needs no read when the command ended normally:
     * its events commit only if no one appended first. After a failure every aggregate is read, since the events
     * it was given, if any, are normally rolled back.
     *
     * @throws ConcurrencyException when one was stale; its cache entry is dropped, so the next attempt loads it
     */
    void confirm(boolean endedNormally) {
        for (Unconfirmed entry : aggregates) {
            boolean appends = endedNormally && !Objects.equals(entry.aggregate().version(), entry.version());
            if (!appends && entry.repository().changedSince(entry.aggregateIdentifier(), entry.version())) {
                entry.repository().evict(entry.aggregateIdentifier());
                throw new ConcurrencyException("Aggregate " + entry.aggregateIdentifier() + " changed in another"
                        + " process after version " + entry.version() + ", which this one had cached: deciding again");
            }
        }
    }

    private record Unconfirmed(UpToDateCachingRepository<?> repository, String aggregateIdentifier,
                               EventSourcedAggregate<?> aggregate, Long version) {
    }
}
