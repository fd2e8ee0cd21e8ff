package io.courier.api.account;

import java.util.UUID;

/** Mail a link to {@code newEmail}; the address changes only when that link's token is used. */
public record RequestEmailChange(UUID userId, String newEmail) implements UserCommand {
}
