package io.courier.gateway.realtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.courier.api.account.AccountView;
import io.courier.api.account.FindAccount;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Display names for frames (senders, members, presence), asked of the query side and kept in a small cache.
 * A rename reaches every node through the event tail, which drops the cached name; the cache also forgets
 * names after a while, in case a node missed one. An account the read model does not know (yet) is not
 * cached: a user who just registered gets a name as soon as the read model has it.
 */
@Component
public class DisplayNames {

    /** Shown for a member or sender whose account the read model does not know: gone (as REST shows it). */
    public static final String DELETED_USER = "deleted user";

    private static final Logger log = LoggerFactory.getLogger(DisplayNames.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

    private final QueryGateway queries;
    private final Cache<UUID, String> names;

    DisplayNames(QueryGateway queries, RealtimeProperties properties) {
        this.queries = queries;
        this.names = Caffeine.newBuilder()
                .maximumSize(properties.nameCacheSize())
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
    }

    /** The user's display name, or null when the read model does not know the account. Blocks on a cache miss. */
    public String of(UUID userId) {
        String cached = names.getIfPresent(userId);
        if (cached != null) {
            return cached;
        }
        String name = ask(userId);
        if (name != null) {
            names.put(userId, name);
        }
        return name;
    }

    public static String shown(String name) {
        return name == null ? DELETED_USER : name;
    }

    /** The user renamed itself (or is gone): the next frame asks again. */
    public void forget(UUID userId) {
        names.invalidate(userId);
    }

    public void remember(UUID userId, String displayName) {
        if (displayName != null) {
            names.put(userId, displayName);
        }
    }

    private String ask(UUID userId) {
        try {
            AccountView account = queries.query(new FindAccount(userId), ResponseTypes.instanceOf(AccountView.class))
                    .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return account == null ? null : account.displayName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException failed) {
            log.warn("Could not look up the display name of {}: {}", userId, failed.toString());
            return null;
        }
    }
}
