package io.courier.api.account;

import java.util.UUID;

/** Answered with a {@link ProfileView}, or null when the account is unknown, deleted or not projected yet. */
public record FindProfile(UUID userId) {
}
