package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

@EventType(name = "conversation.ConversationMemberLeft")
public record ConversationMemberLeft(UUID conversationId, UUID userId, Instant leftAt) {
}
