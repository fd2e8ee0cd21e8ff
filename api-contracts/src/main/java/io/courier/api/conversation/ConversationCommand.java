package io.courier.api.conversation;

import io.courier.api.common.AggregateCommand;

import java.util.UUID;

/** A command for one conversation, sent on behalf of {@link #userId()}, who must be a member. */
public interface ConversationCommand extends AggregateCommand {

    UUID conversationId();

    /** The user acting; anyone but a current member is told the conversation does not exist. */
    UUID userId();

    @Override
    default UUID targetId() {
        return conversationId();
    }
}
