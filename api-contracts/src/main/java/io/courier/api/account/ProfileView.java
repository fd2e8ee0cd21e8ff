package io.courier.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The signed-in user's own account and settings. {@code theme} as the API spells it; recents newest first. */
public record ProfileView(UUID userId, String email, Instant emailConfirmedAt, String displayName,
                          BigDecimal textMagnification, String theme, boolean hidden, List<String> recents) {
}
