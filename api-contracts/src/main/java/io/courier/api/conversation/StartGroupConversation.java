package io.courier.api.conversation;

import java.util.Set;
import java.util.UUID;

/** The creator ({@code userId}) plus {@code memberIds} (which may name the creator); {@code alias} may be null. */
public record StartGroupConversation(UUID conversationId, UUID userId, Set<UUID> memberIds, String alias,
                                     KeyPair keys) implements ConversationCommand {
}
