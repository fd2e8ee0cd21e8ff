package io.courier.command.account;

import io.courier.api.account.OneTimeTokenPurpose;

import java.time.Duration;

/** How long a mailed token stays usable, by purpose. */
public record OneTimeTokenPolicy(Duration emailConfirmLifetime, Duration emailChangeLifetime,
                                 Duration passwordResetLifetime) {

    // before DEFAULT: static fields initialise in order
    private static final Duration LONGEST = Duration.ofDays(30);
    public static final OneTimeTokenPolicy DEFAULT =
            new OneTimeTokenPolicy(Duration.ofDays(7), Duration.ofDays(7), Duration.ofHours(1));

    public OneTimeTokenPolicy {
        check(emailConfirmLifetime, "EMAIL_CONFIRM_TOKEN_LIFETIME");
        check(emailChangeLifetime, "EMAIL_CHANGE_TOKEN_LIFETIME");
        check(passwordResetLifetime, "PASSWORD_RESET_TOKEN_LIFETIME");
    }

    public Duration lifetimeOf(OneTimeTokenPurpose purpose) {
        return switch (purpose) {
            case EMAIL_CONFIRM -> emailConfirmLifetime;
            case EMAIL_CHANGE -> emailChangeLifetime;
            case PASSWORD_RESET -> passwordResetLifetime;
        };
    }

    private static void check(Duration lifetime, String variable) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(variable + " must be a positive duration of at most 30 days, got "
                    + lifetime);
        }
    }
}
