package io.courier.command.eventsourcing;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Optional;

/**
 * Keeps aggregates in memory between commands, but never lets a stale one decide. Another Courier process
 * on the same database may have appended events since this one cached the aggregate.
 * <p>
 * Under a {@link CachedDecisionCheck} a cached aggregate is used as it is, without reading the event store:
 * <ul>
 *     <li>a command that appends to it needs no read: its first event takes the next sequence number, which
 *     the event store's unique (aggregate, sequence number) key refuses if another process appended first. Axon
 *     reports a concurrency exception, the unit of work rolls back and drops the cache entry, and the gateway
 *     decides the command again on fresh state;</li>
 *     <li>a command that appends nothing to it (a rejection, an answer that only reads) has nothing that could
 *     collide: the check reads the events stored after the version it decided on before the answer leaves, one
 *     indexed query that normally finds nothing, and has the command decided again if it finds any.</li>
 * </ul>
 * Elsewhere (a command sent from an event handler, which the check does not guard) a cached aggregate is
 * first brought up to date with that same query. A cache miss reads the snapshot and the events after it,
 * as Axon does, and needs nothing more.
 */
public final class UpToDateCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;
    private final EventStorageEngine storage;

    /**
     * @param storage the event store's engine: it answers with stored events only, not with the ones the
     *                current command has applied and not yet appended, as the event store would
     */
    public UpToDateCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore,
                                     EventStorageEngine storage) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
        this.storage = storage;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached) {
            Optional<UnconfirmedAggregates> unconfirmed = UnconfirmedAggregates.of(CurrentUnitOfWork.get());
            if (unconfirmed.isPresent()) {
                unconfirmed.get().add(this, aggregateIdentifier, aggregate);
            } else {
                DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, nextAfter(aggregate.version()));
                if (newer.hasNext()) {
                    aggregate.initializeState(newer);
                }
            }
        }
        return aggregate;
    }

    /** One indexed query on (aggregate, sequence number) that normally finds nothing. */
    boolean changedSince(String aggregateIdentifier, Long version) {
        return storage.readEvents(aggregateIdentifier, nextAfter(version)).hasNext();
    }

    void evict(String aggregateIdentifier) {
        cache.remove(aggregateIdentifier);
    }

    private static long nextAfter(Long version) {
        return version == null ? 0 : version + 1;
    }
}
