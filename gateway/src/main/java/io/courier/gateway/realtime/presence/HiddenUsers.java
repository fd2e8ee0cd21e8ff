package io.courier.gateway.realtime.presence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.courier.api.account.FindProfile;
import io.courier.api.account.ProfileView;
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
 * Users who chose not to be shown as online (their profile's {@code hidden}): asked of the read model once, then
 * kept up to date by the event tail ({@code PreferencesChanged}). A user whose profile can't be read is shown.
 */
@Component
public class HiddenUsers {

    private static final Logger log = LoggerFactory.getLogger(HiddenUsers.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

    private final QueryGateway queries;
    private final Cache<UUID, Boolean> hidden = Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    HiddenUsers(QueryGateway queries) {
        this.queries = queries;
    }

    /** Blocks on a cache miss: call it off event loops. */
    public boolean isHidden(UUID userId) {
        Boolean known = hidden.getIfPresent(userId);
        if (known != null) {
            return known;
        }
        Boolean asked = ask(userId);
        if (asked == null) {
            return false;
        }
        hidden.asMap().putIfAbsent(userId, asked);
        return hidden.asMap().getOrDefault(userId, asked);
    }

    /** The answer before: null when it was not known. */
    Boolean remember(UUID userId, boolean isHidden) {
        return hidden.asMap().put(userId, isHidden);
    }

    private Boolean ask(UUID userId) {
        try {
            ProfileView profile = queries.query(new FindProfile(userId), ResponseTypes.instanceOf(ProfileView.class))
                    .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return profile == null ? null : profile.hidden();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException failed) {
            log.warn("Could not read whether {} is hidden: {}", userId, failed.toString());
            return null;
        }
    }
}
