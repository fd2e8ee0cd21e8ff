package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * The account is gone: its sessions end, its address is free again, and its data key was destroyed in the
 * same transaction, so every personal field sealed in its events is unreadable from now on.
 */
@EventType(name = "account.AccountDeleted")
public record AccountDeleted(UUID userId, Instant deletedAt) {
}
