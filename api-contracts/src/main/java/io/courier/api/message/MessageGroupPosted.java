package io.courier.api.message;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One event per group: the ciphertext of each recipient (the members at the time), keyed by user id. */
@EventType(name = "message.MessageGroupPosted")
public record MessageGroupPosted(UUID messageGroupId, UUID conversationId, UUID senderId, String clientMessageId,
                                 Map<UUID, String> encryptedMessages, Instant sentAt) {
}
