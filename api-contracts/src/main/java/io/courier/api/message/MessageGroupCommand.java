package io.courier.api.message;

import io.courier.api.common.AggregateCommand;

import java.util.UUID;

/** A command for one message group, sent by {@link #userId()} in the conversation the caller named. */
public interface MessageGroupCommand extends AggregateCommand {

    UUID messageGroupId();

    UUID conversationId();

    UUID userId();

    @Override
    default UUID targetId() {
        return messageGroupId();
    }
}
