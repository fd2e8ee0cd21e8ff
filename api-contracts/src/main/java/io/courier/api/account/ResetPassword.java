package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/** Set a new password with a mailed reset token; every refresh token of the user is revoked. */
public record ResetPassword(UUID userId, Secret token, Secret newPassword) implements UserCommand {
}
