package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** {@code previousTokenId} was exchanged for {@code tokenId} within the same family. */
@EventType(name = "account.RefreshTokenRotated")
public record RefreshTokenRotated(UUID userId, UUID familyId, UUID previousTokenId, UUID tokenId, String tokenHash,
                                  Instant rotatedAt, Instant expiresAt) {
}
