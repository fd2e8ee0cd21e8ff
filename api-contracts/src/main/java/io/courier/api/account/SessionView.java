package io.courier.api.account;

import java.time.Instant;
import java.util.UUID;

public record SessionView(UUID familyId, Instant startedAt, Instant lastRefreshedAt, Instant expiresAt) {
}
