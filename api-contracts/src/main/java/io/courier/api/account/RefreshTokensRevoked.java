package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** Every refresh token of the user issued before {@code revokedAt} is unusable. */
@EventType(name = "account.RefreshTokensRevoked")
public record RefreshTokensRevoked(UUID userId, RevocationReason reason, Instant revokedAt) {
}
