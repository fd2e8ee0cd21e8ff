package io.courier.api.account;

import java.util.UUID;

/** The user viewed {@code page}: it moves to the front of the recently viewed pages. */
public record AddRecent(UUID userId, String page) implements UserCommand {
}
