package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/** Sign out one device: revoke the session (token family) the presented refresh token belongs to. */
public record SignOut(UUID userId, Secret refreshToken) implements UserCommand {
}
