package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

@EventType(name = "conversation.PrivateConversationStarted")
public record PrivateConversationStarted(UUID conversationId, UUID startedBy, UUID otherUserId, Instant startedAt) {
}
