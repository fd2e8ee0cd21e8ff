package io.courier.command.account;

/**
 * Character classes that user input must not smuggle into stored text. Control characters (Unicode
 * category Cc, NUL included: PostgreSQL cannot store it) and unpaired surrogates (Cs: no character at
 * all, they cannot be encoded as UTF-8) are never text. Format characters (Cf: zero-width spaces,
 * bidi overrides) are invisible or reorder what is shown, so identifiers and names refuse them too.
 * Public: conversation aliases follow the same rules as display names.
 */
public final class UnicodeText {

    private UnicodeText() {
    }

    public static boolean containsControlCharacters(String text) {
        return text.codePoints().anyMatch(codePoint -> {
            int type = Character.getType(codePoint);
            return type == Character.CONTROL || type == Character.SURROGATE;
        });
    }

    public static boolean containsControlOrFormatCharacters(String text) {
        return containsControlCharacters(text)
                || text.codePoints().anyMatch(codePoint -> Character.getType(codePoint) == Character.FORMAT);
    }
}
