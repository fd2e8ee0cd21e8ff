package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;

/** Display names are shown to other users: bounded, trimmed, no control characters. */
final class DisplayName {

    static final int MAX_LENGTH = 64;

    private DisplayName() {
    }

    /** The name to store: the requested one, or the email's local part when none was given. */
    static String resolve(String requested, EmailAddress email) {
        if (requested == null || requested.isBlank()) {
            String fallback = email.localPart();
            return fallback.length() > MAX_LENGTH ? fallback.substring(0, MAX_LENGTH) : fallback;
        }
        String name = requested.strip();
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new CommandRejectedException(RejectionCode.INVALID_DISPLAY_NAME,
                    "Display name must be at most " + MAX_LENGTH + " characters long");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new CommandRejectedException(RejectionCode.INVALID_DISPLAY_NAME,
                    "Display name must not contain control characters");
        }
        return name;
    }
}
