package io.courier.api.conversation;

import java.util.UUID;

/** {@code displayName} is "deleted user" for an account that no longer exists. */
public record MemberView(UUID userId, String displayName) {
}
