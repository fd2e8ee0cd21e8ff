package io.courier.api.conversation;

import java.util.UUID;

/**
 * Start the private conversation of {@code userId} and {@code otherUserId}, with the caller's key pair.
 * {@code conversationId} is used only if the pair has none yet. Answered with a {@link StartedConversation}.
 */
public record StartPrivateConversation(UUID conversationId, UUID userId, UUID otherUserId, KeyPair keys) {
}
