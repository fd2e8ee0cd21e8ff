package io.courier.gateway.abuse;

import java.time.Duration;

/** Too many attempts: answered 429 with a {@code Retry-After} of {@link #retryAfterSeconds()}. */
public class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimitedException(Duration retryAfter) {
        super("Too many attempts; try again in " + wholeSeconds(retryAfter) + " seconds", null, false, false);
        this.retryAfterSeconds = wholeSeconds(retryAfter);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Rounded up: a client that waits exactly this long finds a token again. */
    private static long wholeSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
