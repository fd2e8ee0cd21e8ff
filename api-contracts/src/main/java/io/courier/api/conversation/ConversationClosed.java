package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** The last member left: nobody can see or act on the conversation any more. */
@EventType(name = "conversation.ConversationClosed")
public record ConversationClosed(UUID conversationId, Instant closedAt) {
}
