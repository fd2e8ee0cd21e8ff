package io.courier.command.account;

import java.time.Duration;

/**
 * How refresh tokens live: their lifetime, how long after its rotation a token may be presented
 * again without counting as theft (browser tabs racing), and how often within that time.
 */
public record RefreshTokenPolicy(Duration lifetime, Duration reuseGrace, int maxReusesWithinGrace) {

    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(14);
    public static final Duration DEFAULT_REUSE_GRACE = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_REUSES_WITHIN_GRACE = 3;
    static final Duration MAX_REUSE_GRACE = Duration.ofMinutes(5);

    public RefreshTokenPolicy {
        if (reuseGrace.isNegative() || reuseGrace.compareTo(MAX_REUSE_GRACE) > 0) {
            throw new IllegalArgumentException("REFRESH_REUSE_GRACE must be between 0 and " + MAX_REUSE_GRACE.toSeconds()
                    + " seconds, got " + reuseGrace.toSeconds());
        }
    }

    public static RefreshTokenPolicy withReuseGrace(Duration reuseGrace) {
        return new RefreshTokenPolicy(DEFAULT_LIFETIME, reuseGrace, DEFAULT_MAX_REUSES_WITHIN_GRACE);
    }
}
