package io.courier.api.account;

import java.time.Instant;
import java.util.UUID;

/** {@code previousTokenId} was exchanged for {@code tokenId} within the same family. */
public record RefreshTokenRotated(UUID userId, UUID familyId, UUID previousTokenId, UUID tokenId, String tokenHash,
                                  Instant rotatedAt, Instant expiresAt) {
}
