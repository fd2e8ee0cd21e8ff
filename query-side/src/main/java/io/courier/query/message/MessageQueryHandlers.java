package io.courier.query.message;

import io.courier.api.message.FindMessageHistory;
import io.courier.api.message.MessagePage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;

/** Answers history queries without blocking; null when the caller is not a current member. */
@Component
class MessageQueryHandlers {

    private final MessageHistory history;

    MessageQueryHandlers(MessageHistory history) {
        this.history = history;
    }

    @QueryHandler
    CompletableFuture<MessagePage> handle(FindMessageHistory query) {
        return history.page(query.conversationId(), query.recipientId(), query.before(), query.limit()).toFuture();
    }
}
