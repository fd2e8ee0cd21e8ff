package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A login opened a new token family (one device session). {@code tokenHash} is SHA-256 of the secret, hex.
 * {@code sealedUserAgent} and {@code sealedAddress} describe the device, sealed under the user's data key;
 * null when unknown (and in events stored before sessions recorded them).
 */
@EventType(name = "account.RefreshTokenIssued")
public record RefreshTokenIssued(UUID userId, UUID familyId, UUID tokenId, String tokenHash,
                                 Instant issuedAt, Instant expiresAt, String sealedUserAgent, String sealedAddress) {

    public RefreshTokenIssued(UUID userId, UUID familyId, UUID tokenId, String tokenHash, Instant issuedAt,
                              Instant expiresAt) {
        this(userId, familyId, tokenId, tokenHash, issuedAt, expiresAt, null, null);
    }
}
