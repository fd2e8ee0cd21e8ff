package io.courier.api.conversation;

import java.util.UUID;

/** Answered with a list of {@link ConversationSummaryView}, most recent activity first. */
public record ListConversations(UUID userId) {
}
