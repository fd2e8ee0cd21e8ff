package io.courier.api.conversation;

import io.courier.api.common.AggregateCommand;

import java.util.UUID;

/**
 * A member's account was deleted: it leaves the conversation, private ones included (the other party keeps the
 * history, in which the deleted user shows as "deleted user"). Sent by the system, not by a user; does nothing when
 * the user is not a member any more.
 */
public record RemoveDeletedMember(UUID conversationId, UUID userId) implements AggregateCommand {

    @Override
    public UUID targetId() {
        return conversationId;
    }
}
