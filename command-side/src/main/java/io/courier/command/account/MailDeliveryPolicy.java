package io.courier.command.account;

import java.time.Duration;

/**
 * How often and how patiently a mail is tried: the first retry after {@code firstRetryDelay}, each following
 * one after twice the previous delay, at most {@code maxRetryDelay}; given up after {@code maxAttempts}.
 */
public record MailDeliveryPolicy(int maxAttempts, Duration firstRetryDelay, Duration maxRetryDelay) {

    public static final MailDeliveryPolicy DEFAULT =
            new MailDeliveryPolicy(12, Duration.ofSeconds(10), Duration.ofMinutes(30));

    public MailDeliveryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("MAIL_MAX_ATTEMPTS must be between 1 and 100, got " + maxAttempts);
        }
        if (firstRetryDelay == null || firstRetryDelay.isNegative() || maxRetryDelay == null
                || maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("MAIL_FIRST_RETRY_DELAY must not be negative nor exceed MAIL_MAX_RETRY_DELAY");
        }
    }

    /** The wait after the {@code failedAttempts}-th failure. */
    Duration delayAfter(int failedAttempts) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
