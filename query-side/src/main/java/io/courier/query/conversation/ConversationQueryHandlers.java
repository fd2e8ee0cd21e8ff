package io.courier.query.conversation;

import io.courier.api.conversation.ConversationDetailView;
import io.courier.api.conversation.ConversationSummaryView;
import io.courier.api.conversation.FindConversation;
import io.courier.api.conversation.FindConversationsToReseal;
import io.courier.api.conversation.FindPrivateConversation;
import io.courier.api.conversation.ListConversations;
import io.courier.api.conversation.ListMemberships;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Answers conversation queries from the read models without blocking; null means "not found" to a non-member. */
@Component
class ConversationQueryHandlers {

    private final ConversationDetails details;
    private final ConversationSummaries summaries;
    private final KeysToReseal keysToReseal;
    private final Memberships memberships;

    ConversationQueryHandlers(ConversationDetails details, ConversationSummaries summaries, KeysToReseal keysToReseal,
                              Memberships memberships) {
        this.details = details;
        this.summaries = summaries;
        this.keysToReseal = keysToReseal;
        this.memberships = memberships;
    }

    @QueryHandler
    CompletableFuture<List<UUID>> handle(ListMemberships query) {
        return memberships.of(query.userId()).toFuture();
    }

    @QueryHandler
    CompletableFuture<ConversationDetailView> handle(FindConversation query) {
        return details.find(query.conversationId(), query.userId()).toFuture();
    }

    @QueryHandler
    CompletableFuture<ConversationDetailView> handle(FindPrivateConversation query) {
        return details.findPrivate(query.userId(), query.otherUserId()).toFuture();
    }

    @QueryHandler
    CompletableFuture<List<ConversationSummaryView>> handle(ListConversations query) {
        return summaries.of(query.userId()).toFuture();
    }

    @QueryHandler
    CompletableFuture<List<UUID>> handle(FindConversationsToReseal query) {
        return keysToReseal.find(query.currentKeyId(), query.limit()).toFuture();
    }
}
