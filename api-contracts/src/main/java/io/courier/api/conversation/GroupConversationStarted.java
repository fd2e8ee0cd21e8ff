package io.courier.api.conversation;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code memberIds} includes the creator, first. {@code alias} may be null. */
@EventType(name = "conversation.GroupConversationStarted")
public record GroupConversationStarted(UUID conversationId, UUID startedBy, List<UUID> memberIds, String alias,
                                       Instant startedAt) {
}
