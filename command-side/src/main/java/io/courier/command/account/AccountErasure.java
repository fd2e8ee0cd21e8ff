package io.courier.command.account;

import java.util.UUID;

/** What deleting an account removes besides appending its last event; done in that event's transaction. */
public interface AccountErasure {

    void erase(UUID userId);
}
