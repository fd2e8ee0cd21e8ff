package io.courier.api.account;

import java.util.UUID;

/** (Re)send the mail that confirms the user's current address; a new link makes older ones useless. */
public record RequestEmailConfirmation(UUID userId) implements UserCommand {
}
