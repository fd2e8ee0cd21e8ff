package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A rotated token was presented again shortly after its rotation: two tabs or a retried request
 * racing, not theft. Answered with {@code tokenId}, a further token of the same family; the
 * successor of the first rotation stays valid too.
 */
@EventType(name = "account.RefreshTokenReusedWithinGrace")
public record RefreshTokenReusedWithinGrace(UUID userId, UUID familyId, UUID reusedTokenId, UUID tokenId,
                                            String tokenHash, Instant reusedAt, Instant expiresAt) {
}
