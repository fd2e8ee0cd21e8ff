package io.courier.api.account;

import java.util.List;
import java.util.UUID;

/**
 * The fields personal data is sealed for (see {@code io.courier.vault.PersonalData}). Whoever seals and whoever
 * opens must name the same field, so they share these; a value sealed for one field does not open as another.
 */
public final class SealedFields {

    public static final String EMAIL = "email";
    public static final String DISPLAY_NAME = "display-name";
    public static final String PASSWORD_HASH = "password-hash";
    /** The recently viewed pages, newest first, one per line (pages never contain line breaks). */
    public static final String RECENTS = "recents";
    public static final String USER_AGENT = "user-agent";
    public static final String ADDRESS = "address";

    private static final String RECENTS_SEPARATOR = "\n";

    private SealedFields() {
    }

    public static String encodeRecents(List<String> recents) {
        return String.join(RECENTS_SEPARATOR, recents);
    }

    public static List<String> decodeRecents(String encoded) {
        return encoded == null || encoded.isEmpty() ? List.of() : List.of(encoded.split(RECENTS_SEPARATOR, -1));
    }

    /** A one-purpose token, as mailed ({@code <userId>.<secret>}). */
    public static String oneTimeToken(UUID tokenId) {
        return "one-time-token/" + tokenId;
    }
}
