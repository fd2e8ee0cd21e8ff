package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** The member has read everything posted up to {@code readAt}. */
@EventType(name = "conversation.ConversationRead")
public record ConversationRead(UUID conversationId, UUID userId, Instant readAt) {
}
