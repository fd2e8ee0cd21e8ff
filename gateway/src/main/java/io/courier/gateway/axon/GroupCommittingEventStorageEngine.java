package io.courier.gateway.axon;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Axon's JDBC event storage, except that the events of {@link GroupCommittedCommands} are handed to the
 * {@link EventGroupCommitter} and committed together with other commands' events. The command waits until its
 * events are durable; a lost race surfaces exactly as Axon reports it for a single insert (a concurrency or
 * aggregate-creation exception, which the gateway retries on fresh state).
 * <p>
 * The events are durable once this returns, before the unit of work has finished committing: a grouped command
 * therefore must do nothing after appending that could still roll it back, which holds for the listed commands
 * (their handlers decide, apply and return).
 */
final class GroupCommittingEventStorageEngine extends JdbcEventStorageEngine {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final EventGroupCommitter committer;

    GroupCommittingEventStorageEngine(Builder builder, EventGroupCommitter committer) {
        super(builder);
        this.committer = committer;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty() || !GroupCommittedCommands.inProgress()) {
            super.appendEvents(events, serializer);
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
            committer.commit(rows).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
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
}
