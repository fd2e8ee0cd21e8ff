package io.courier.api.user;

import io.courier.api.common.PageCursor;

import java.util.Optional;
import java.util.UUID;

/** Where a page of users ends: users are ordered by lower-cased display name, then id. */
public record UserCursor(String displayName, UUID userId) {

    public String token() {
        return PageCursor.encode("u1:" + userId + ":" + displayName);
    }

    public static Optional<UserCursor> parse(String token) {
        return PageCursor.decode(token).flatMap(text -> {
            if (!text.startsWith("u1:") || text.length() < 3 + 36 + 1) {
                return Optional.empty();
            }
            try {
                return Optional.of(new UserCursor(text.substring(3 + 36 + 1), UUID.fromString(text.substring(3, 3 + 36))));
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        });
    }
}
