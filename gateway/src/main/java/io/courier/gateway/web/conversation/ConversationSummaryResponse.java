package io.courier.gateway.web.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.courier.api.conversation.ConversationSummaryView;
import io.courier.api.conversation.MemberView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

record ConversationSummaryResponse(UUID conversationId, @JsonProperty("private") boolean isPrivate, String alias,
                                   List<MemberView> members, boolean ready, Instant lastMessageAt, long unreadCount) {

    static ConversationSummaryResponse of(ConversationSummaryView view) {
        return new ConversationSummaryResponse(view.conversationId(), view.isPrivate(), view.alias(), view.members(),
                view.ready(), view.lastMessageAt(), view.unreadCount());
    }
}
