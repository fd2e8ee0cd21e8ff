package io.courier.command.conversation;

import java.util.List;
import java.util.UUID;

/** Where {@link ConversationRosters} reads a conversation's events from: the event store, or a test's list. */
public interface ConversationEventSource {

    /**
     * The conversation's events with a sequence number above {@code afterSequence}, oldest first. From
     * {@code -1} (nothing read yet) the first may be a snapshot instead: a {@link Roster} as of its sequence
     * number, so that a conversation's whole history need not be read.
     */
    List<Sequenced> eventsAfter(UUID conversationId, long afterSequence);

    /** @param payload an event, or a {@link Roster} standing for all events up to {@code sequenceNumber} */
    record Sequenced(long sequenceNumber, Object payload) {
    }
}
