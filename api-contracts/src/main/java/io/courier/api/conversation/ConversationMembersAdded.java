package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@EventType(name = "conversation.ConversationMembersAdded")
public record ConversationMembersAdded(UUID conversationId, UUID addedBy, List<UUID> memberIds, Instant addedAt) {
}
