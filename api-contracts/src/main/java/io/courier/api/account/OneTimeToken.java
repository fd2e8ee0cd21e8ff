package io.courier.api.account;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A one-purpose token as mailed: {@code <userId>.<secret>}, like refresh tokens. The user id addresses the
 * owning account without any look-up table; only the secret's hash is stored.
 */
public record OneTimeToken(UUID userId, String secret) {

    private static final char SEPARATOR = '.';

    public OneTimeToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(secret, "secret");
    }

    /** Parses a presented token; empty for anything that is not of our format. */
    public static Optional<OneTimeToken> parse(String encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        int dot = encoded.indexOf(SEPARATOR);
        if (dot <= 0 || dot == encoded.length() - 1) {
            return Optional.empty();
        }
        try {
            UUID userId = UUID.fromString(encoded.substring(0, dot));
            // only the canonical form: the id must address exactly one stream
            if (!userId.toString().equals(encoded.substring(0, dot))) {
                return Optional.empty();
            }
            return Optional.of(new OneTimeToken(userId, encoded.substring(dot + 1)));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    public String encoded() {
        return userId + String.valueOf(SEPARATOR) + secret;
    }

    @Override
    public String toString() {
        return "OneTimeToken[userId=" + userId + ", secret=redacted]";
    }
}
