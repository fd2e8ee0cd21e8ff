package io.courier.api.user;

import java.util.UUID;

/**
 * Users other than {@code callerId} whose display name contains {@code search} (case-insensitive), or whose
 * email is exactly {@code search}. {@code after} is where the previous page ended, or null; {@code limit}
 * is 1..100. Answered with a {@link UserPage}.
 */
public record SearchUsers(UUID callerId, String search, UserCursor after, int limit) {
}
