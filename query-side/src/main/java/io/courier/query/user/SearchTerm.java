package io.courier.query.user;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What a search for users is matched against: a display-name prefix, as a LIKE pattern whose own
 * wildcards are taken literally ("50%" finds "50% off", not "500"), and an email address in the canonical
 * form accounts store (NFKC, lower case, trimmed), compared exactly.
 */
record SearchTerm(String prefix, String likePattern, String email) {

    static final char ESCAPE = '\\';

    static SearchTerm of(String search) {
        String text = search == null ? "" : search;
        return new SearchTerm(text, escapeLike(text) + "%",
                Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip());
    }

    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                escaped.append(ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
