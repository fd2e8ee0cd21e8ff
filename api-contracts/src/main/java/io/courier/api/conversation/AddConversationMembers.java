package io.courier.api.conversation;

import java.util.Set;
import java.util.UUID;

/** Group only. Users already members are ignored. */
public record AddConversationMembers(UUID conversationId, UUID userId, Set<UUID> newMemberIds)
        implements ConversationCommand {
}
