package io.courier.api.account;

import java.util.UUID;

/** Answered with the user's active sessions (refresh-token families), newest first. */
public record ListSessions(UUID userId) {
}
