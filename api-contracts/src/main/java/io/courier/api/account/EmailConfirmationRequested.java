package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A confirmation token was issued for the current address and mail {@code mailId} asks the user to use it.
 * Older confirmation tokens are revoked. {@code tokenHash} (SHA-256, hex) is what the token is checked
 * against; {@code sealedToken} and {@code sealedEmail} are what the mail needs, sealed under the user's data
 * key: the event store alone holds no usable token and, once the account is deleted, nothing readable.
 */
@EventType(name = "account.EmailConfirmationRequested")
public record EmailConfirmationRequested(UUID userId, UUID mailId, UUID tokenId, String tokenHash,
                                         String sealedToken, String sealedEmail, Instant requestedAt,
                                         Instant expiresAt) {
}
