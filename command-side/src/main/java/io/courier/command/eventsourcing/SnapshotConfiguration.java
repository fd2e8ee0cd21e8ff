package io.courier.command.eventsourcing;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots are taken on a thread of their own. Axon's default takes them on the thread of the
 * command that crossed the threshold, after its commit but before its answer: re-reading up to a
 * hundred events and writing the snapshot made one command in a hundred (the 99th percentile) slow.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class SnapshotConfiguration {

    /**
     * Depends on the transaction manager so that Spring stops it first at shutdown: snapshots already
     * queued are finished while the database connections are still open.
     */
    @Bean(destroyMethod = "")
    SnapshotExecutor snapshotExecutor(TransactionManager finishBeforeThis) {
        // a full queue makes the committing thread take the snapshot itself, as Axon would: a snapshot
        // is never silently dropped (Axon would then never schedule that aggregate's again)
        return new SnapshotExecutor(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1_000), runnable -> {
                    Thread thread = new Thread(runnable, "snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy()));
    }

    /** Finishes the snapshots already queued, for at most 10 seconds, when the application stops. */
    record SnapshotExecutor(ThreadPoolExecutor executor) implements Executor, DisposableBean {

        @Override
        public void execute(Runnable task) {
            executor.execute(task);
        }

        @Override
        public void destroy() throws InterruptedException {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Bean
    Snapshotter snapshotter(Configuration axon, SnapshotExecutor snapshotExecutor, EventStore eventStore,
                            TransactionManager transactionManager, ParameterResolverFactory parameterResolverFactory,
                            HandlerDefinition handlerDefinition, SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .executor(snapshotExecutor)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .build();
    }
}
