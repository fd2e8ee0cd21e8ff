package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** The user proved they receive mail at their current address, with confirmation token {@code tokenId}. */
@EventType(name = "account.EmailConfirmed")
public record EmailConfirmed(UUID userId, UUID tokenId, Instant confirmedAt) {
}
