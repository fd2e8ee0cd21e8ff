package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;

import java.text.Normalizer;

/**
 * Display names are shown to other users: bounded, trimmed, in NFC (one encoding per visible name),
 * and free of control and format characters, which could hide text or reverse how it reads.
 */
final class DisplayName {

    static final int MAX_LENGTH = 64;

    private DisplayName() {
    }

    /** The name to store: the requested one, or the email's local part when none was given. */
    static String resolve(String requested, EmailAddress email) {
        if (requested == null || requested.isBlank()) {
            String fallback = email.localPart();
            return fallback.codePointCount(0, fallback.length()) > MAX_LENGTH
                    ? fallback.substring(0, fallback.offsetByCodePoints(0, MAX_LENGTH)) : fallback;
        }
        if (UnicodeText.containsControlOrFormatCharacters(requested)) {
            throw new CommandRejectedException(RejectionCode.INVALID_DISPLAY_NAME,
                    "Display name must not contain control or invisible formatting characters");
        }
        String name = Normalizer.normalize(requested, Normalizer.Form.NFC).strip();
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new CommandRejectedException(RejectionCode.INVALID_DISPLAY_NAME,
                    "Display name must be at most " + MAX_LENGTH + " characters long");
        }
        return name;
    }
}
