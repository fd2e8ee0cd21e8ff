package io.courier.api.conversation;

import java.util.UUID;

/** Group only. The last member to leave closes the conversation. */
public record LeaveConversation(UUID conversationId, UUID userId) implements ConversationCommand {
}
