package io.courier.api.account;

import java.time.Instant;
import java.util.UUID;

/** {@code email} is as typed; uniqueness is case-insensitive. {@code passwordHash} is an Argon2id PHC string. */
public record UserRegistered(UUID userId, String email, String passwordHash, String displayName, Instant registeredAt) {
}
