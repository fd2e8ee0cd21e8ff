package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;

import java.text.Normalizer;

/**
 * Display names are shown to other users: 3 to 40 characters (code points), trimmed, in NFC (one encoding
 * per visible name), and free of control and format characters, which could hide text or reverse how it reads.
 * Names stored before these bounds existed stay as they are; the bounds apply to every new name.
 */
final class DisplayName {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 40;
    private static final String SHORT_FALLBACK_PREFIX = "User ";

    private DisplayName() {
    }

    /** The name to store at registration: the requested one, or one made from the email's local part. */
    static String resolve(String requested, EmailAddress email) {
        if (requested == null || requested.isBlank()) {
            return fallback(email);
        }
        return require(requested);
    }

    /** The name to store for a requested one, or a rejection saying what is wrong with it. */
    static String require(String requested) {
        if (requested == null || UnicodeText.containsControlOrFormatCharacters(requested)) {
            throw new CommandRejectedException(RejectionCode.INVALID_DISPLAY_NAME,
                    "Display name must not contain control or invisible formatting characters");
        }
        String name = Normalizer.normalize(requested, Normalizer.Form.NFC).strip();
        int length = name.codePointCount(0, name.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new CommandRejectedException(RejectionCode.INVALID_DISPLAY_NAME,
                    "Display name must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        return name;
    }

    /** The local part, cut to the maximum; too short a one (al@...) is made long enough rather than refused. */
    private static String fallback(EmailAddress email) {
        String name = Normalizer.normalize(email.localPart(), Normalizer.Form.NFC);
        if (name.codePointCount(0, name.length()) < MIN_LENGTH) {
            name = SHORT_FALLBACK_PREFIX + name;
        }
        return name.codePointCount(0, name.length()) > MAX_LENGTH
                ? name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH)) : name;
    }
}
