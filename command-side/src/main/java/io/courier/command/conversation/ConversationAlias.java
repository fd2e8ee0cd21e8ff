package io.courier.command.conversation;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.command.account.UnicodeText;

import java.text.Normalizer;

/**
 * A group's alias is shown to every member, so it gets the display name's hygiene: no control or format
 * characters (which could hide text or reverse how it reads), NFC (one encoding per visible text), trimmed.
 */
final class ConversationAlias {

    static final int MAX_LENGTH = 100;

    private ConversationAlias() {
    }

    /** The alias to store: null when none was given (null or blank). */
    static String normalise(String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        if (UnicodeText.containsControlOrFormatCharacters(requested)) {
            throw new CommandRejectedException(RejectionCode.INVALID_ALIAS,
                    "Alias must not contain control or invisible formatting characters");
        }
        String alias = Normalizer.normalize(requested, Normalizer.Form.NFC).strip();
        if (alias.codePointCount(0, alias.length()) > MAX_LENGTH) {
            throw new CommandRejectedException(RejectionCode.INVALID_ALIAS,
                    "Alias must be at most " + MAX_LENGTH + " characters long");
        }
        return alias;
    }
}
