package io.courier.api.message;

import java.util.Map;
import java.util.UUID;

/**
 * One ciphertext per current member of the conversation, sender included, keyed by user id. A retry with the
 * same {@code clientMessageId} (per sender and conversation) answers the first result and stores nothing.
 * Answered with a {@link PostedMessageGroup}.
 */
public record PostMessageGroup(UUID conversationId, UUID senderId, String clientMessageId,
                               Map<UUID, String> encryptedMessages) {
}
