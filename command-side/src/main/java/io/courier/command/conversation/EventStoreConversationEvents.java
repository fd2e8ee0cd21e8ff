package io.courier.command.conversation;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a conversation's events straight from the event store, without the {@link Conversation} aggregate or
 * its lock. Once a roster is known, only the events after it: one indexed query on (aggregate, sequence
 * number) that usually finds nothing. The first time, from the aggregate's latest snapshot when it has one.
 */
public class EventStoreConversationEvents implements ConversationEventSource {

    private final EventStore eventStore;

    public EventStoreConversationEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public List<Sequenced> eventsAfter(UUID conversationId, long afterSequence) {
        String aggregateId = conversationId.toString();
        DomainEventStream stream = afterSequence < 0
                ? eventStore.readEvents(aggregateId)
                : eventStore.readEvents(aggregateId, afterSequence + 1);
        List<Sequenced> events = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            events.add(new Sequenced(message.getSequenceNumber(),
                    payload instanceof Conversation snapshot ? snapshot.roster() : payload));
        }
        return events;
    }
}
