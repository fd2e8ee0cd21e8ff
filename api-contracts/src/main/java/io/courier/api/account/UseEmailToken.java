package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/**
 * Use a mailed email token: a confirmation token confirms the current address, an email-change token
 * completes the change. Answered with the {@link OneTimeTokenPurpose} of the token used.
 */
public record UseEmailToken(UUID userId, Secret token) implements UserCommand {
}
