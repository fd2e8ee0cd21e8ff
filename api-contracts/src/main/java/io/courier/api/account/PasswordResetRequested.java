package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** A reset token was issued and mail {@code mailId} sends it to {@code sealedEmail}; older reset tokens are revoked. */
@EventType(name = "account.PasswordResetRequested")
public record PasswordResetRequested(UUID userId, UUID mailId, UUID tokenId, String tokenHash, String sealedToken,
                                     String sealedEmail, Instant requestedAt, Instant expiresAt) {
}
