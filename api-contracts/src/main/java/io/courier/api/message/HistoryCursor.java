package io.courier.api.message;

import io.courier.api.common.PageCursor;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Where a history page ends: the (sentAt, messageGroupId) of its oldest item. The next page is strictly older. */
public record HistoryCursor(Instant sentAt, UUID messageGroupId) {

    public String token() {
        return PageCursor.encode("h1:" + sentAt + ":" + messageGroupId);
    }

    /** Empty for anything that is not a token made by {@link #token()}. */
    public static Optional<HistoryCursor> parse(String token) {
        return PageCursor.decode(token).flatMap(text -> {
            if (!text.startsWith("h1:")) {
                return Optional.empty();
            }
            int last = text.lastIndexOf(':');
            try {
                return Optional.of(new HistoryCursor(Instant.parse(text.substring(3, last)),
                        UUID.fromString(text.substring(last + 1))));
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        });
    }
}
