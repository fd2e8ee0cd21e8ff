package io.courier.api.account;

import java.time.Instant;
import java.util.UUID;

public record AccountView(UUID userId, String email, String displayName, Instant registeredAt) {
}
