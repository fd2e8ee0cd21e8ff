package io.courier.api.account;

import io.courier.api.common.AggregateCommand;

import java.util.UUID;

/** A command for one user account; the user id is the aggregate identifier. */
public interface UserCommand extends AggregateCommand {

    UUID userId();

    @Override
    default UUID targetId() {
        return userId();
    }
}
