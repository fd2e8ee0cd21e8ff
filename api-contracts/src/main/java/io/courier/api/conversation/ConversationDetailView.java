package io.courier.api.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a member sees of a conversation. {@code publicKeys} maps member ids to the JSON text of their public
 * keys; {@code privateKey} is the JSON text of the caller's own private key blob, null before it set keys.
 * {@code readTimes} holds the members that have read at least once.
 */
public record ConversationDetailView(UUID conversationId, boolean isPrivate, String alias, List<MemberView> members,
                                     Map<UUID, Instant> readTimes, Map<UUID, String> publicKeys, String privateKey,
                                     boolean ready, List<UUID> membersWithoutKeys) {

    @Override
    public String toString() {
        return "ConversationDetailView[" + conversationId + ", members=" + members + "]";
    }
}
