package io.courier.gateway.realtime.presence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;

/**
 * Users who chose not to be shown as online (their profile's {@code hidden}). Kept in memory as the event tail
 * reports changes; users it has not heard of are shown.
 */
@Component
public class HiddenUsers {

    private final Cache<UUID, Boolean> hidden = Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfterAccess(Duration.ofDays(1))
            .build();

    public boolean isHidden(UUID userId) {
        return Boolean.TRUE.equals(hidden.getIfPresent(userId));
    }

    void remember(UUID userId, boolean isHidden) {
        hidden.put(userId, isHidden);
    }
}
