package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** An already rotated token was presented again: a sign that it was stolen. Always followed by revocation of its family. */
@EventType(name = "account.RefreshTokenReuseDetected")
public record RefreshTokenReuseDetected(UUID userId, UUID familyId, UUID reusedTokenId, Instant detectedAt) {
}
