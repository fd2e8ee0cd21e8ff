package io.courier.api.conversation;

import java.util.UUID;

/** Answered with the {@link ConversationDetailView} of the private conversation of the two, or null. */
public record FindPrivateConversation(UUID userId, UUID otherUserId) {
}
