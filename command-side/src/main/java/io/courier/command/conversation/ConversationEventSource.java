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

    /**
     * {@link #eventsAfter} for a known roster ({@code afterSequence >= 0}) and, in the same read where the
     * source can, the first event of another aggregate: a post's check for an earlier copy of itself then
     * costs no round trip of its own. A source that can't combine the reads says so ({@code otherRead}
     * false) and the caller reads the other aggregate itself.
     */
    default WithFirstOf eventsAfterWithFirstOf(UUID conversationId, long afterSequence, String otherAggregateId) {
        return new WithFirstOf(eventsAfter(conversationId, afterSequence), false, null);
    }

    /**
     * @param otherRead    whether {@code firstOfOther} was read
     * @param firstOfOther the other aggregate's first event's payload, null when it has none (or was not read)
     */
    record WithFirstOf(List<Sequenced> events, boolean otherRead, Object firstOfOther) {
    }

    /** @param payload an event, or a {@link Roster} standing for all events up to {@code sequenceNumber} */
    record Sequenced(long sequenceNumber, Object payload) {
    }
}
