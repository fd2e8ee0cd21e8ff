package io.courier.api.account;

import java.time.Instant;
import java.util.UUID;

/** A login opened a new token family (one device session). {@code tokenHash} is SHA-256 of the secret, hex. */
public record RefreshTokenIssued(UUID userId, UUID familyId, UUID tokenId, String tokenHash,
                                 Instant issuedAt, Instant expiresAt) {
}
