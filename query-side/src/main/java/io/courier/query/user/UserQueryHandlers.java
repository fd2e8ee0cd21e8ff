package io.courier.query.user;

import io.courier.api.user.SearchUsers;
import io.courier.api.user.UserPage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;

/** Finds people to start a conversation with; never the caller, never more than id and display name. */
@Component
class UserQueryHandlers {

    private final UserSearch search;

    UserQueryHandlers(UserSearch search) {
        this.search = search;
    }

    @QueryHandler
    CompletableFuture<UserPage> handle(SearchUsers query) {
        return search.page(query.callerId(), query.search(), query.after(), query.limit()).toFuture();
    }
}
