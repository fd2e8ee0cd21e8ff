package io.courier.api.account;

import java.time.Instant;
import java.util.UUID;

/** Every refresh token of the user issued before {@code revokedAt} is unusable. */
public record RefreshTokensRevoked(UUID userId, RevocationReason reason, Instant revokedAt) {
}
