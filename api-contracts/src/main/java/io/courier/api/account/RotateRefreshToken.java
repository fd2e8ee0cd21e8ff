package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/** Exchange a refresh token for a new one; the presented token becomes unusable. */
public record RotateRefreshToken(UUID userId, Secret refreshToken) implements UserCommand {
}
