package io.courier.command.eventsourcing;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Makes the repository of each event-sourced aggregate: cached and never deciding on stale state (see
 * {@link UpToDateCachingRepository}), or uncached, with Spring beans injectable into command handlers as with
 * Axon's default repository.
 */
@Component
public class AggregateRepositories {

    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final ParameterResolverFactory parameterResolverFactory;
    private final HandlerDefinition handlerDefinition;
    private final long cacheSize;
    private final Duration cacheIdle;

    AggregateRepositories(EventStore eventStore, EventStorageEngine storage,
                          ParameterResolverFactory parameterResolverFactory, HandlerDefinition handlerDefinition,
                          @Value("${courier.aggregate-cache.size:10000}") long cacheSize,
                          @Value("${courier.aggregate-cache.idle:PT30M}") Duration cacheIdle) {
        this.eventStore = eventStore;
        this.storage = storage;
        this.parameterResolverFactory = parameterResolverFactory;
        this.handlerDefinition = handlerDefinition;
        this.cacheSize = cacheSize;
        this.cacheIdle = cacheIdle;
    }

    public <T> UpToDateCachingRepository<T> cachedAndUpToDate(Class<T> aggregateType, SnapshotTriggerDefinition snapshots) {
        return new UpToDateCachingRepository<>(EventSourcingRepository.builder(aggregateType)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .snapshotTriggerDefinition(snapshots),
                new BoundedAggregateCache(cacheSize, cacheIdle), eventStore, storage);
    }

    /**
     * For aggregates too numerous to keep in memory and rarely changed after creation (message groups):
     * each command reads the aggregate's few events, nothing is cached, no snapshots are taken.
     */
    public <T> EventSourcingRepository<T> uncached(Class<T> aggregateType) {
        return EventSourcingRepository.builder(aggregateType)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .build();
    }
}
