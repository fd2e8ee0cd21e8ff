package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** {@code alias} is null when it was removed. */
@EventType(name = "conversation.ConversationAliasChanged")
public record ConversationAliasChanged(UUID conversationId, UUID changedBy, String alias, Instant changedAt) {
}
