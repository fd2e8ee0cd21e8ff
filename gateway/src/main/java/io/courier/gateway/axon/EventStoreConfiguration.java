package io.courier.gateway.axon;

import io.courier.command.eventsourcing.AppendConditions;
import io.courier.command.eventsourcing.StreamUnchanged;
import io.courier.gateway.database.DatabaseConfiguration;
import io.courier.gateway.database.DatabaseUrl;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The JDBC event store as Axon's auto-configuration builds it, except for how often it polls. The embedded
 * store fetches at once after a local commit, but learns of another node's commits only by polling, every
 * second by default: too slow for live delivery across nodes. Here the poll runs every
 * {@code courier.event-store.fetch-delay} (default 100 ms: one indexed query per poll, for the whole node), and
 * the real-time cluster signals wake it as soon as another node announces a commit. The engine commits the events
 * of the hottest commands in groups ({@link EventGroupCommitter}).
 * <p>
 * The store keeps the latest {@code courier.event-store.cached-events} events in memory for the processors and the
 * real-time tail, which read them from there while they keep up (one that falls further behind reads from the
 * table until it catches up). Axon's default of 10,000 is some 4 s of posts at full load, 40 MB that outlived
 * every young collection: copying it made each pause 20 to 40 ms. 1,000 (about 0.4 s) is ample for consumers that
 * keep up, and dies young.
 * <p>
 * Defining the store means defining its storage engine too: Axon's engine bean steps back when an event store
 * bean exists. Both mirror {@code JdbcAutoConfiguration} and {@code AxonAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /**
     * Axon's Spring transactions, minus those of {@link GroupCommittedCommands} (see {@link GroupCommitTransactions}).
     * Defining it makes Axon's own transaction manager bean step back.
     */
    @Bean
    @Primary
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new GroupCommitTransactions(new SpringTransactionManager(transactionManager));
    }

    /**
     * The group committer writes on a connection of its own: commands waiting for it hold pooled connections
     * (Axon keeps one per unit of work), so a writer borrowing from that pool could wait for them forever.
     */
    @Bean(destroyMethod = "close")
    EventGroupCommitter eventGroupCommitter(DatabaseUrl database,
                                            @Value("${courier.event-store.group-commit-linger:PT0.003S}") Duration linger) {
        if (linger.isNegative() || linger.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("courier.event-store.group-commit-linger must be between 0 and 100 ms, got "
                    + linger);
        }
        return new EventGroupCommitter(DatabaseConfiguration.pool(database, "courier-event-writer", 1), linger);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, EventGroupCommitter groupCommitter,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return new GroupCommittingEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .schema(new EventSchema()), groupCommitter, transactionManager);
    }

    /** Keeps the event store's cache from dragging every event into the old generation (see the class). */
    @Bean(destroyMethod = "close")
    CachedEventUnlinker cachedEventUnlinker(WakeableEventStore eventStore) {
        return new CachedEventUnlinker(eventStore).start();
    }

    /** The storage engine above enforces {@link StreamUnchanged} conditions on appends. */
    @Bean
    AppendConditions appendConditions() {
        return () -> true;
    }

    @Primary
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    WakeableEventStore eventStore(EventStorageEngine storageEngine, EventGroupCommitter groupCommitter,
                                  org.axonframework.config.Configuration configuration,
                                  @Value("${courier.event-store.fetch-delay:PT0.1S}") Duration fetchDelay,
                                  @Value("${courier.event-store.cached-events:1000}") int cachedEvents) {
        if (fetchDelay.isNegative() || fetchDelay.isZero() || fetchDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("courier.event-store.fetch-delay must be between 1 ms and 10 s, got "
                    + fetchDelay);
        }
        if (cachedEvents < 1 || cachedEvents > 100_000) {
            throw new IllegalArgumentException("courier.event-store.cached-events must be between 1 and 100000, got "
                    + cachedEvents);
        }
        WakeableEventStore eventStore = new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .cachedEvents(cachedEvents)
                .timeUnit(TimeUnit.MILLISECONDS));
        groupCommitter.afterEachCommit(eventStore::groupCommitted);
        return eventStore;
    }
}
