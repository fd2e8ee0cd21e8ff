package io.courier.gateway.realtime.typing;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.courier.gateway.abuse.Rate;
import io.courier.gateway.realtime.RealtimeProperties;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;

/**
 * How many typing notices a user may send (Bucket4j token buckets in a bounded Caffeine cache, per node, like the
 * HTTP rate limits). Notices past the limit are dropped without an answer: fire-and-forget has none.
 */
@Component
class TypingLimit {

    private static final int MAX_USERS = 100_000;

    private final CaffeineProxyManager<UUID> buckets;
    private final BucketConfiguration configuration;

    TypingLimit(RealtimeProperties properties) {
        Rate rate = properties.typingRate();
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(rate.count()).refillGreedy(rate.count(), rate.period()))
                .build();
        this.buckets = Bucket4jCaffeine.<UUID>builderFor(Caffeine.newBuilder().maximumSize(MAX_USERS))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    boolean allows(UUID userId) {
        return buckets.builder().build(userId, configuration).tryConsume(1);
    }
}
