package io.courier.api.message;

import java.util.UUID;

/**
 * One page of {@code recipientId}'s copy of a conversation's history, newest first: the items strictly older
 * than {@code before}, or the newest when it is null; {@code limit} is 1..200. Answered with a {@link MessagePage},
 * or null when the recipient is not a member.
 */
public record FindMessageHistory(UUID conversationId, UUID recipientId, HistoryCursor before, int limit) {
}
