package io.courier.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.account.OneTimeTokenPurpose;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Mailed one-purpose tokens that are still out: at most one per purpose, since issuing a token revokes the
 * older one of its purpose. Part of the aggregate's state (and snapshots), changed only by event sourcing
 * handlers; only hashes are kept, and memory stays bounded whatever the history.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class OneTimeTokens {

    private final Map<OneTimeTokenPurpose, Outstanding> outstanding = new EnumMap<>(OneTimeTokenPurpose.class);

    /** The unexpired token of one of {@code purposes} with this hash. */
    Optional<Outstanding> find(String hash, Instant now, Set<OneTimeTokenPurpose> purposes) {
        return outstanding.values().stream()
                .filter(token -> purposes.contains(token.purpose()) && token.hash().equals(hash)
                        && token.expiresAt().isAfter(now))
                .findFirst();
    }

    void issued(OneTimeTokenPurpose purpose, UUID tokenId, String hash, Instant expiresAt, String sealedPayload) {
        outstanding.put(purpose, new Outstanding(purpose, tokenId, hash, expiresAt, sealedPayload));
    }

    void used(UUID tokenId) {
        outstanding.values().removeIf(token -> token.tokenId().equals(tokenId));
    }

    void revoke(OneTimeTokenPurpose purpose) {
        outstanding.remove(purpose);
    }

    void revokeAll() {
        outstanding.clear();
    }

    /** {@code sealedPayload}: what using the token needs besides the user (the new address of an email change). */
    record Outstanding(OneTimeTokenPurpose purpose, UUID tokenId, String hash, Instant expiresAt, String sealedPayload) {
    }
}
