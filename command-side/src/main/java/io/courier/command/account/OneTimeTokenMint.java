package io.courier.command.account;

import io.courier.api.account.OneTimeToken;
import io.courier.api.account.SealedFields;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import io.courier.command.ids.RandomIds;
import io.courier.vault.PersonalData;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Makes mailed one-purpose tokens: 32 random bytes, checked by their SHA-256 (like refresh tokens, nothing to
 * brute-force). The token must reach the mail that the outbox sends later, yet the event store must hold no
 * usable token: it travels sealed under the user's data key ({@link SealedFields#oneTimeToken}), which is
 * itself sealed under the vault key outside the event store, and destroyed with the account.
 */
final class OneTimeTokenMint {

    private static final int SECRET_BYTES = 32;

    private OneTimeTokenMint() {
    }

    static Issued issue(UUID userId, Instant now, Duration lifetime, PersonalData personalData) {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(RandomIds.bytes(SECRET_BYTES));
        UUID tokenId = RandomIds.uuid();
        String sealed = personalData.seal(userId, SealedFields.oneTimeToken(tokenId),
                new OneTimeToken(userId, secret).encoded());
        return new Issued(tokenId, hash(secret), sealed, now.plus(lifetime));
    }

    static String hash(Secret secret) {
        return secret == null ? "" : hash(secret.value());
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }

    static CommandRejectedException invalid() {
        return new CommandRejectedException(RejectionCode.INVALID_TOKEN,
                "This link is invalid, expired or was already used; ask for a new one");
    }

    record Issued(UUID tokenId, String hash, String sealedToken, Instant expiresAt) {
    }
}
