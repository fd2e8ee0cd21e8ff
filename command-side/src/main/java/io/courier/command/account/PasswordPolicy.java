package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;

/** Length is what makes passwords strong; composition rules only annoy (NIST SP 800-63B). */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    // Argon2 input is unbounded; the cap keeps a request from buying minutes of hashing.
    static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    static void requireAcceptable(Secret password) {
        String value = password == null ? "" : password.value();
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH) {
            throw new CommandRejectedException(RejectionCode.WEAK_PASSWORD,
                    "Password must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            throw new CommandRejectedException(RejectionCode.WEAK_PASSWORD,
                    "Password must be at most " + MAX_LENGTH + " characters long");
        }
        if (value.isBlank()) {
            throw new CommandRejectedException(RejectionCode.WEAK_PASSWORD, "Password must not be only whitespace");
        }
    }
}
