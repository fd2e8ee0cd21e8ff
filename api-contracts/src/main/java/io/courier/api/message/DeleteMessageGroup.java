package io.courier.api.message;

import java.util.UUID;

/** Sender only: leaves a tombstone. Deleting a deleted group changes nothing. */
public record DeleteMessageGroup(UUID messageGroupId, UUID conversationId, UUID userId) implements MessageGroupCommand {
}
