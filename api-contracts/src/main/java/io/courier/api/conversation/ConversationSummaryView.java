package io.courier.api.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code lastMessageAt} is null before the first message; {@code unreadCount} counts others' messages since the caller's last read. */
public record ConversationSummaryView(UUID conversationId, boolean isPrivate, String alias, List<MemberView> members,
                                      boolean ready, Instant lastMessageAt, long unreadCount) {
}
