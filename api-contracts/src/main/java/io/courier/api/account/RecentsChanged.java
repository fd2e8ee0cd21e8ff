package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * The recently viewed pages as they are now, newest first: a JSON array of strings sealed under the user's
 * data key, since what someone looked at is personal.
 */
@EventType(name = "account.RecentsChanged")
public record RecentsChanged(UUID userId, String sealedRecents, Instant changedAt) {
}
