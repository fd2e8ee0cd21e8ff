package io.courier.api.message;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** The ciphertexts are gone from every read model; history keeps a tombstone. */
@EventType(name = "message.MessageGroupDeleted")
public record MessageGroupDeleted(UUID messageGroupId, UUID conversationId, UUID senderId, Instant deletedAt) {
}
