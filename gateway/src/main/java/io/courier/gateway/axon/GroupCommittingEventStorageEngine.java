package io.courier.gateway.axon;

import io.courier.command.eventsourcing.StreamUnchanged;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC event storage, except that the events of {@link GroupCommittedCommands} are handed to the
 * {@link EventGroupCommitter} and committed together with other commands' events. The command waits until its
 * events are durable; a lost race surfaces exactly as Axon reports it for a single insert (a concurrency or
 * aggregate-creation exception, which the gateway retries on fresh state).
 * <p>
 * The events are durable once this returns, before the unit of work has finished committing: a grouped command
 * therefore must do nothing after appending that could still roll it back, which holds for the listed commands
 * (their handlers decide, apply and return).
 * <p>
 * It enforces {@link StreamUnchanged} conditions: in the group's insert, or else with a read in the append's
 * own transaction, before the insert.
 */
final class GroupCommittingEventStorageEngine extends JdbcEventStorageEngine {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LATER_EVENT = """
            SELECT 1 FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber > ? LIMIT 1""";

    private final EventGroupCommitter committer;
    private final TransactionManager transactionManager;

    /** @param transactionManager the builder's too: the one appends outside a group run in */
    GroupCommittingEventStorageEngine(Builder builder, EventGroupCommitter committer,
                                      TransactionManager transactionManager) {
        super(builder.transactionManager(transactionManager));
        this.committer = committer;
        this.transactionManager = transactionManager;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        StreamUnchanged condition = StreamUnchanged.ofCurrentUnitOfWork().orElse(null);
        if (events.isEmpty() || !GroupCommittedCommands.inProgress()) {
            if (condition == null) {
                super.appendEvents(events, serializer);
            } else {
                appendIfUnchanged(events, serializer, condition);
            }
            return;
        }
        List<EventGroupCommitter.Row> rows = new ArrayList<>(events.size());
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domainEvent ? domainEvent
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            rows.add(new EventGroupCommitter.Row(event.getIdentifier(), event.getAggregateIdentifier(),
                    event.getSequenceNumber(), event.getType(), DateTimeUtils.formatInstant(event.getTimestamp()),
                    payload.getType().getName(), payload.getType().getRevision(), payload.getData(), metaData.getData()));
        }
        try {
            committer.commit(rows, condition).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            handlePersistenceException(cause instanceof Exception exception ? exception
                    : new EventStoreException("Storing events failed", cause), events.get(0));
        } catch (TimeoutException slow) {
            throw new EventStoreException("The events were not stored within " + WAIT.toSeconds() + " s", slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("Interrupted while the events were being stored", interrupted);
        }
    }

    /**
     * The event store's producer, the one reader that passes {@code mayBlock} (Axon's embedded store; consumers
     * reading on their own pass false), gets a stream that ends at the first batch shorter than a full one instead
     * of at an empty one. It fetches again by itself whenever a fetch found events, so under load the empty fetch
     * that closed each of its streams (a query, a gap check and a transaction, some 200 times a second) told it
     * nothing. A short batch that is not the end (a gap in the window) only costs that next fetch. Consumers that
     * catch up or replay keep Axon's read-until-empty.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        return StreamSupport.stream(new UntilShortBatch(trackingToken), false);
    }

    /** Batch after batch from a token, up to and including the first batch that is not full. */
    private final class UntilShortBatch extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
        private boolean lastBatchRead;

        UntilShortBatch(TrackingToken from) {
            super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT);
            this.last = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext() && !lastBatchRead) {
                List<? extends TrackedEventData<?>> next = fetchTrackedEvents(last, batchSize());
                lastBatchRead = next.size() < batchSize();
                batch = next.iterator();
            }
            if (!batch.hasNext()) {
                return false;
            }
            TrackedEventData<?> event = batch.next();
            last = event.trackingToken();
            action.accept(event);
            return true;
        }
    }

    /** In one transaction: the read that checks the condition, then Axon's insert. */
    private void appendIfUnchanged(List<? extends EventMessage<?>> events, Serializer serializer,
                                   StreamUnchanged condition) {
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement later = connection.prepareStatement(LATER_EVENT)) {
                later.setString(1, condition.aggregateIdentifier());
                later.setLong(2, condition.lastSequenceNumber());
                try (ResultSet found = later.executeQuery()) {
                    if (found.next()) {
                        throw new ConcurrencyException(condition.aggregateIdentifier() + " has events after sequence"
                                + " number " + condition.lastSequenceNumber() + ", on which the command decided");
                    }
                }
            } catch (SQLException failed) {
                throw new EventStoreException("Checking the condition of an append failed", failed);
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
            super.appendEvents(events, serializer); // joins this transaction
        });
    }
}
