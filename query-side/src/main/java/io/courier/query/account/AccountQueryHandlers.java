package io.courier.query.account;

import io.courier.api.account.AccountView;
import io.courier.api.account.FindAccount;
import io.courier.api.account.FindProfile;
import io.courier.api.account.ProfileView;
import io.courier.api.account.ListSessions;
import io.courier.api.account.SessionView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Answers account queries from the read models without blocking a thread. */
@Component
class AccountQueryHandlers {

    private final AccountRows accounts;
    private final SessionRows sessions;
    private final ProfileReads profiles;
    private final Clock clock;

    AccountQueryHandlers(AccountRows accounts, SessionRows sessions, ProfileReads profiles, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.profiles = profiles;
        this.clock = clock;
    }

    @QueryHandler
    CompletableFuture<AccountView> handle(FindAccount query) {
        return accounts.findById(query.userId()).map(AccountRow::toView).toFuture();
    }

    @QueryHandler
    CompletableFuture<ProfileView> handle(FindProfile query) {
        return profiles.find(query.userId()).toFuture();
    }

    @QueryHandler
    CompletableFuture<List<SessionView>> handle(ListSessions query) {
        return sessions.findActive(query.userId(), OffsetDateTime.now(clock))
                .map(SessionRow::toView).collectList().toFuture();
    }
}
