package io.courier.command.conversation;

import java.util.Optional;
import java.util.UUID;

/**
 * The command side's index of private conversations, one per pair of users. A claim is written in the same
 * transaction as the events that start the conversation, so two users starting theirs at the same moment
 * still end up with one, without depending on a projection.
 */
public interface PrivateConversationRegistry {

    Optional<UUID> conversationOf(PrivatePair pair);

    /** @return false when the pair already has a conversation (or a concurrent start claimed it first). */
    boolean claim(PrivatePair pair, UUID conversationId);
}
