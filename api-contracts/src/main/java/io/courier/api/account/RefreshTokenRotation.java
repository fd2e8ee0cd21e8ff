package io.courier.api.account;

import java.util.UUID;

/**
 * Outcome of {@link RotateRefreshToken}. Reuse of a rotated token is an outcome, not an exception,
 * because the revocation it causes must be stored.
 */
public sealed interface RefreshTokenRotation {

    record Rotated(IssuedRefreshToken token) implements RefreshTokenRotation {
    }

    record ReuseDetected(UUID userId, UUID familyId) implements RefreshTokenRotation {
    }
}
