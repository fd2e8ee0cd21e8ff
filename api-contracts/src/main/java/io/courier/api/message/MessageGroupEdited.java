package io.courier.api.message;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@EventType(name = "message.MessageGroupEdited")
public record MessageGroupEdited(UUID messageGroupId, UUID conversationId, UUID senderId,
                                 Map<UUID, String> encryptedMessages, Instant editedAt) {
}
