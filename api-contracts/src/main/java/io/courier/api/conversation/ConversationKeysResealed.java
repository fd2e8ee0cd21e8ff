package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** The same key pair, sealed again under the vault's current key (vault key rotation). */
@EventType(name = "conversation.ConversationKeysResealed")
public record ConversationKeysResealed(UUID conversationId, UUID userId, SealedKeyPair keys, Instant resealedAt) {
}
