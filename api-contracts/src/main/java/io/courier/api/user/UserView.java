package io.courier.api.user;

import java.util.UUID;

/** What anyone signed in may see of another user. */
public record UserView(UUID userId, String displayName) {
}
