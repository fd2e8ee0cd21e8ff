package io.courier.api.conversation;

import java.util.UUID;

/** Answered with a {@link ConversationDetailView}, or null when {@code userId} is not a member (or it doesn't exist). */
public record FindConversation(UUID conversationId, UUID userId) {
}
