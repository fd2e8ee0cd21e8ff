package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** The name other users see, sealed under the user's data key. */
@EventType(name = "account.DisplayNameChanged")
public record DisplayNameChanged(UUID userId, String sealedDisplayName, Instant changedAt) {
}
