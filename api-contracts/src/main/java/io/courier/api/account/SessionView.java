package io.courier.api.account;

import java.time.Instant;
import java.util.UUID;

/**
 * One signed-in device: {@code lastRefreshedAt} is its last use (sessions are used by refreshing); the user
 * agent and client address are those of the login that opened it, null when unknown.
 */
public record SessionView(UUID familyId, Instant startedAt, Instant lastRefreshedAt, Instant expiresAt,
                          String userAgent, String address) {
}
