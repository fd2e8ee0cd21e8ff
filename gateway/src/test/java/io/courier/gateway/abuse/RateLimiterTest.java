package io.courier.gateway.abuse;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private static final int MAX_KEYS = 100;

    private final RateLimiter limiter = new RateLimiter(
            new RateLimitProperties("3/1m", "30/1m", "10/1h", "2/1h", "5/1h", MAX_KEYS), new ClientAddresses(""));

    @Test
    void each_key_gets_its_own_bucket_of_the_configured_size() {
        for (int i = 0; i < 3; i++) {
            admit(RateLimit.LOGIN_PER_ACCOUNT, "ada@example.com");
        }

        assertThatThrownBy(() -> admit(RateLimit.LOGIN_PER_ACCOUNT, "ada@example.com"))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        limited -> assertThat(limited.retryAfterSeconds()).isBetween(1L, 20L)); // 3/min: one back in 20 s
        admit(RateLimit.LOGIN_PER_ACCOUNT, "grace@example.com");
        admit(RateLimit.LOGIN_PER_ADDRESS, "ada@example.com"); // another limit, another bucket
    }

    @Test
    void the_password_reset_limit_is_configured_and_ready_for_its_route() {
        admit(RateLimit.PASSWORD_RESET_PER_ADDRESS, "203.0.113.5");
        admit(RateLimit.PASSWORD_RESET_PER_ADDRESS, "203.0.113.5");

        assertThatThrownBy(() -> admit(RateLimit.PASSWORD_RESET_PER_ADDRESS, "203.0.113.5"))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        limited -> assertThat(limited.retryAfterSeconds()).isBetween(1700L, 1800L));
    }

    @Test
    void memory_stays_bounded_however_many_keys_an_attacker_uses() {
        for (int i = 0; i < 50_000; i++) {
            admit(RateLimit.LOGIN_PER_ACCOUNT, "victim-" + i + "@example.com");
        }

        assertThat(limiter.trackedKeys(RateLimit.LOGIN_PER_ACCOUNT)).isLessThanOrEqualTo(MAX_KEYS);
    }

    @Test
    void a_rate_that_does_not_parse_stops_start_up_naming_its_variable() {
        assertThatThrownBy(() -> new RateLimitProperties("ten a minute", "30/1m", "10/1h", "2/1h", "5/1h", MAX_KEYS))
                .hasMessageContaining("RATE_LIMIT_LOGIN_PER_ACCOUNT").hasMessageContaining("ten a minute");
        assertThatThrownBy(() -> new RateLimitProperties("3/1m", "30/1m", "0/1h", "2/1h", "5/1h", MAX_KEYS))
                .hasMessageContaining("RATE_LIMIT_REGISTRATION_PER_ADDRESS");
        assertThatThrownBy(() -> new RateLimitProperties("3/1m", "30/1m", "10/1h", "2/1y", "5/1h", MAX_KEYS))
                .hasMessageContaining("RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS");
        assertThatThrownBy(() -> new RateLimitProperties("3/1m", "30/1m", "10/1h", "2/1h", "5/1h", 5))
                .hasMessageContaining("RATE_LIMIT_MAX_KEYS");
        assertThat(Rate.parse(" 20 / PT1H ", "X")).isEqualTo(new Rate(20, java.time.Duration.ofHours(1)));
    }

    private void admit(RateLimit limit, String key) {
        Mono<Void> attempt = limiter.perKey(limit, key);
        attempt.block();
    }
}
