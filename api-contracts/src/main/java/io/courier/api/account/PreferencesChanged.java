package io.courier.api.account;

import io.courier.api.common.EventType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The user's settings, all of them as they are now: nothing personal, so in clear. */
@EventType(name = "account.PreferencesChanged")
public record PreferencesChanged(UUID userId, BigDecimal textMagnification, Theme theme, boolean hidden,
                                 Instant changedAt) {
}
