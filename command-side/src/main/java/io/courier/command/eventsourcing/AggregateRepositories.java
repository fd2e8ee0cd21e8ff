package io.courier.command.eventsourcing;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Makes the repository of each event-sourced aggregate: cached, kept up to date with the event store,
 * with Spring beans injectable into command handlers as with Axon's default repository.
 */
@Component
public class AggregateRepositories {

    private final EventStore eventStore;
    private final ParameterResolverFactory parameterResolverFactory;
    private final HandlerDefinition handlerDefinition;
    private final long cacheSize;
    private final Duration cacheIdle;

    AggregateRepositories(EventStore eventStore, ParameterResolverFactory parameterResolverFactory,
                          HandlerDefinition handlerDefinition,
                          @Value("${courier.aggregate-cache.size:10000}") long cacheSize,
                          @Value("${courier.aggregate-cache.idle:PT30M}") Duration cacheIdle) {
        this.eventStore = eventStore;
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
                new BoundedAggregateCache(cacheSize, cacheIdle), eventStore);
    }
}
