package io.courier.api.account;

import java.time.Instant;
import java.util.UUID;

/** Result of a successful login or rotation: the only time the plain token exists outside the client. */
public record IssuedRefreshToken(UUID userId, UUID familyId, RefreshToken token, Instant expiresAt) {
}
