package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * Sending mail {@code mailId} failed at its {@code attempt}-th try, for {@code reason} (a short category:
 * {@code connection}, {@code authentication}, {@code rejected}, {@code unreadable}, ...). It is tried again
 * from {@code retryAt}; null when given up.
 */
@EventType(name = "account.EmailFailed")
public record EmailFailed(UUID userId, UUID mailId, int attempt, String reason, Instant failedAt, Instant retryAt) {
}
