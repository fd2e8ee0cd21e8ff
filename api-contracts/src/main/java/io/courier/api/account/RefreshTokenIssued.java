package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** A login opened a new token family (one device session). {@code tokenHash} is SHA-256 of the secret, hex. */
@EventType(name = "account.RefreshTokenIssued")
public record RefreshTokenIssued(UUID userId, UUID familyId, UUID tokenId, String tokenHash,
                                 Instant issuedAt, Instant expiresAt) {
}
