package io.courier.gateway.abuse;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Token buckets (Bucket4j) per {@link RateLimit} and key, held in memory on this node. Each limit's
 * buckets live in a Caffeine cache bounded to {@code maxKeys} entries; a bucket is dropped as soon as
 * it would be full again, so forgetting it changes nothing. Caffeine's frequency-based admission keeps
 * a key under attack cached when a flood of one-off keys arrives.
 */
@Component
public class RateLimiter {

    private final Map<RateLimit, Limiter> limiters = new EnumMap<>(RateLimit.class);
    private final ClientAddresses clientAddresses;

    RateLimiter(RateLimitProperties properties, ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
        properties.rates().forEach((limit, rate) -> limiters.put(limit, new Limiter(rate, properties.maxKeys())));
    }

    /** Counts one attempt from the request's client address; fails with {@link RateLimitedException} when over. */
    public Mono<Void> perAddress(RateLimit limit, ServerHttpRequest request) {
        return Mono.defer(() -> perKey(limit, clientAddresses.of(request)));
    }

    /** Counts one attempt against {@code key}; fails with {@link RateLimitedException} when over. */
    public Mono<Void> perKey(RateLimit limit, String key) {
        return Mono.defer(() -> {
            ConsumptionProbe probe = limiters.get(limit).tryConsume(key);
            return probe.isConsumed() ? Mono.empty()
                    : Mono.error(new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill())));
        });
    }

    /** Buckets currently held for {@code limit}; for tests and metrics. */
    public long trackedKeys(RateLimit limit) {
        Limiter limiter = limiters.get(limit);
        limiter.buckets.getCache().cleanUp();
        return limiter.buckets.getCache().estimatedSize();
    }

    private static final class Limiter {

        private final CaffeineProxyManager<String> buckets;
        private final BucketConfiguration configuration;

        Limiter(Rate rate, int maxKeys) {
            this.configuration = BucketConfiguration.builder()
                    // greedy refill: tokens come back one by one, so Retry-After stays short
                    .addLimit(bandwidth -> bandwidth.capacity(rate.count()).refillGreedy(rate.count(), rate.period()))
                    .build();
            this.buckets = Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(maxKeys))
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                    .build();
        }

        ConsumptionProbe tryConsume(String key) {
            return buckets.builder().build(key, configuration).tryConsumeAndReturnRemaining(1);
        }
    }
}
