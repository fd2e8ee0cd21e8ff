package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** Every token of one family (one device session) is unusable from now on. */
@EventType(name = "account.RefreshTokenFamilyRevoked")
public record RefreshTokenFamilyRevoked(UUID userId, UUID familyId, RevocationReason reason, Instant revokedAt) {
}
