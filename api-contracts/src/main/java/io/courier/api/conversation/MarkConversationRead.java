package io.courier.api.conversation;

import java.util.UUID;

/** The caller has read everything posted up to now. */
public record MarkConversationRead(UUID conversationId, UUID userId) implements ConversationCommand {
}
