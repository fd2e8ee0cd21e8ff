package io.courier.command.text;

/**
 * Sizes of client-supplied strings as they will be stored: limits are in UTF-8 bytes, because that is what
 * the database and the network carry, not in Java chars.
 */
public final class Utf8 {

    /** What {@link #encodedLength(String)} answers for text that can't be stored as it is. */
    public static final int NOT_STORABLE = -1;

    private Utf8() {
    }

    /**
     * The length of {@code text} in UTF-8, or {@link #NOT_STORABLE} when it holds NUL (PostgreSQL text can't)
     * or an unpaired surrogate (no character at all: Java would silently write {@code ?} in its place).
     */
    public static int encodedLength(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return NOT_STORABLE;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return NOT_STORABLE;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
