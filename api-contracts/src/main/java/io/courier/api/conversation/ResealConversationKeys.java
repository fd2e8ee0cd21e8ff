package io.courier.api.conversation;

import java.util.UUID;

/**
 * Operator's command after a vault key rotation: re-encrypt every current member's key pair under the
 * vault's current key. Not sent on behalf of a user.
 */
public record ResealConversationKeys(UUID conversationId) {
}
