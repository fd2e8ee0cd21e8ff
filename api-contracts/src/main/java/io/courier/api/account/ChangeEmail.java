package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/**
 * Change the address at once, proving the password instead of the new address (as the replaced system did).
 * The new address is unconfirmed: a confirmation mail goes to it, a notice to the old one.
 */
public record ChangeEmail(UUID userId, String newEmail, Secret currentPassword) implements UserCommand {
}
