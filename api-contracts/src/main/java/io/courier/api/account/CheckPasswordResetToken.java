package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/** Is this reset token usable now? Answered with its expiry; uses nothing and stores nothing. */
public record CheckPasswordResetToken(UUID userId, Secret token) implements UserCommand {
}
