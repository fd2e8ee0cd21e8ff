package io.courier.api.account;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The opaque refresh token handed to clients: {@code <userId>.<secret>}. The user id lets the
 * gateway address the owning account; only the secret's hash is ever stored.
 */
public record RefreshToken(UUID userId, String secret) {

    private static final char SEPARATOR = '.';

    public RefreshToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(secret, "secret");
    }

    /** Parses a presented token; empty for anything that is not of our format. */
    public static Optional<RefreshToken> parse(String encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        int dot = encoded.indexOf(SEPARATOR);
        if (dot <= 0 || dot == encoded.length() - 1) {
            return Optional.empty();
        }
        try {
            UUID userId = UUID.fromString(encoded.substring(0, dot));
            return Optional.of(new RefreshToken(userId, encoded.substring(dot + 1)));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    public String encoded() {
        return userId + String.valueOf(SEPARATOR) + secret;
    }

    @Override
    public String toString() {
        return "RefreshToken[userId=" + userId + ", secret=redacted]";
    }
}
