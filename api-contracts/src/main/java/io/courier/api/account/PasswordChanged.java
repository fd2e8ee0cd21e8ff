package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * The password is now the one hashed in {@code sealedPasswordHash}, set by {@code method} (with reset token
 * {@code tokenId}, else null). Outstanding reset tokens are revoked; the refresh tokens are revoked by the
 * {@link RefreshTokensRevoked} that follows. Mail {@code noticeMailId} tells {@code sealedEmail}.
 */
@EventType(name = "account.PasswordChanged")
public record PasswordChanged(UUID userId, String sealedPasswordHash, PasswordChangeMethod method, UUID tokenId,
                              UUID noticeMailId, String sealedEmail, Instant changedAt) {
}
