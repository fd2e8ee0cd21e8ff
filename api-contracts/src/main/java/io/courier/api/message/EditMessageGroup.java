package io.courier.api.message;

import java.util.Map;
import java.util.UUID;

/** Sender only: new ciphertexts for exactly the recipients of the original group. */
public record EditMessageGroup(UUID messageGroupId, UUID conversationId, UUID userId,
                               Map<UUID, String> encryptedMessages) implements MessageGroupCommand {
}
