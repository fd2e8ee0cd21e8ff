package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** {@code email} is canonical (NFKC, lower case; events stored before 2026-11 may hold it as typed). {@code passwordHash} is an Argon2id PHC string. */
@EventType(name = "account.UserRegistered")
public record UserRegistered(UUID userId, String email, String passwordHash, String displayName, Instant registeredAt) {
}
