package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/** Replace the password, proving the current one; revokes every refresh token and outstanding reset token. */
public record ChangePassword(UUID userId, Secret currentPassword, Secret newPassword) implements UserCommand {
}
