package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address in its one canonical form: Unicode NFKC, then lower case. It is what is stored,
 * what uniqueness is enforced on and what logins look up, so look-alikes that normalise to the same
 * text (U+212A KELVIN SIGN for K, full-width letters) are the same address, not a second account.
 */
public record EmailAddress(String canonical) {

    // Deliberately permissive: the confirmation mail is the real check. This only catches obvious garbage.
    // UNICODE_CHARACTER_CLASS: \s also matches Unicode spaces and line separators, not only ASCII ones.
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final int MAX_LENGTH = 254; // RFC 5321 path limit

    public static EmailAddress parse(String raw) {
        if (raw == null || UnicodeText.containsControlOrFormatCharacters(raw)) {
            throw invalid();
        }
        String canonical = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
        if (canonical.isEmpty() || canonical.length() > MAX_LENGTH || !SHAPE.matcher(canonical).matches()) {
            throw invalid();
        }
        return new EmailAddress(canonical);
    }

    /** Empty for what {@link #parse} refuses: for look-ups that must not tell a bad address from an unknown one. */
    public static Optional<EmailAddress> tryParse(String raw) {
        try {
            return Optional.of(parse(raw));
        } catch (CommandRejectedException invalid) {
            return Optional.empty();
        }
    }

    public String localPart() {
        return canonical.substring(0, canonical.lastIndexOf('@'));
    }

    private static CommandRejectedException invalid() {
        return new CommandRejectedException(RejectionCode.INVALID_EMAIL, "Email address is not valid");
    }
}
