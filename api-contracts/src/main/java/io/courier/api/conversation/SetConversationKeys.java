package io.courier.api.conversation;

import java.util.UUID;

/** Sets or replaces (rotates) the caller's key pair for this conversation. */
public record SetConversationKeys(UUID conversationId, UUID userId, KeyPair keys) implements ConversationCommand {
}
