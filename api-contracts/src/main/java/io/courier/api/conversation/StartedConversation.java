package io.courier.api.conversation;

import java.util.UUID;

/** {@code created} is false when the private conversation of the pair already existed. */
public record StartedConversation(UUID conversationId, boolean created) {
}
