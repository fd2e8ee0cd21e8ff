package io.courier.command.conversation;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Hands the conversation events this process publishes to {@link ConversationRosters} once they are
 * committed, so that its cached rosters follow this process's own changes (a read marker, a new member)
 * without a read. Subscribed to the event store; everything else it is given passes by untouched.
 */
final class CommittedConversationEvents implements Consumer<List<? extends EventMessage<?>>> {

    private static final String AGGREGATE_TYPE = Conversation.class.getSimpleName();

    private final ConversationRosters rosters;

    CommittedConversationEvents(ConversationRosters rosters) {
        this.rosters = rosters;
    }

    @Override
    public void accept(List<? extends EventMessage<?>> published) {
        Map<UUID, List<ConversationEventSource.Sequenced>> byConversation = null;
        for (EventMessage<?> message : published) {
            if (message instanceof DomainEventMessage<?> event && AGGREGATE_TYPE.equals(event.getType())) {
                if (byConversation == null) {
                    byConversation = new LinkedHashMap<>();
                }
                byConversation.computeIfAbsent(UUID.fromString(event.getAggregateIdentifier()), id -> new ArrayList<>())
                        .add(new ConversationEventSource.Sequenced(event.getSequenceNumber(), event.getPayload()));
            }
        }
        if (byConversation == null) {
            return;
        }
        Map<UUID, List<ConversationEventSource.Sequenced>> committed = byConversation;
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> committed.forEach(rosters::committed));
        } else {
            committed.forEach(rosters::committed); // published outside a unit of work: already stored
        }
    }
}
