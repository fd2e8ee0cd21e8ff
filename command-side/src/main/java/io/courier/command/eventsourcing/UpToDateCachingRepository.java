package io.courier.command.eventsourcing;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Keeps aggregates in memory between commands, but never decides on a stale one. Another Courier
 * process on the same database may have appended events since this one cached the aggregate, so a
 * cached aggregate is first brought up to date with the events stored after its version: one indexed
 * query that normally returns nothing, instead of reading a snapshot and replaying events.
 * <p>
 * Two processes deciding on the same version at the same moment is settled by the event store's
 * unique (aggregate, sequence number) key: the second append fails with a concurrency exception, the
 * unit of work rolls back, the cache entry is dropped and the command is retried on fresh state.
 */
public final class UpToDateCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    public UpToDateCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached) {
            Long version = aggregate.version();
            DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, version == null ? 0 : version + 1);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
        }
        return aggregate;
    }
}
