package io.courier.api.conversation;

import java.util.UUID;

/** Group only. A null or blank alias removes it. */
public record ChangeConversationAlias(UUID conversationId, UUID userId, String alias) implements ConversationCommand {
}
