package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * An email-change token for {@code sealedNewEmail} was issued and mail {@code mailId} sends it there. Older
 * email-change tokens are revoked. Whether the new address is free is decided when the token is used.
 */
@EventType(name = "account.EmailChangeRequested")
public record EmailChangeRequested(UUID userId, UUID mailId, UUID tokenId, String tokenHash, String sealedToken,
                                   String sealedNewEmail, Instant requestedAt, Instant expiresAt) {
}
