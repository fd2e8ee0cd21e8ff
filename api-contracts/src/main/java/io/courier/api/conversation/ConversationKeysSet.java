package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** A member set or replaced its key pair; the event holds it only sealed. */
@EventType(name = "conversation.ConversationKeysSet")
public record ConversationKeysSet(UUID conversationId, UUID userId, SealedKeyPair keys, Instant setAt) {
}
