package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address as typed ({@link #value}) and its case-insensitive identity ({@link #normalized}),
 * which is what uniqueness is enforced on.
 */
public record EmailAddress(String value, String normalized) {

    // Deliberately permissive: the confirmation mail is the real check. This only catches obvious garbage.
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_LENGTH = 254; // RFC 5321 path limit

    public static EmailAddress parse(String raw) {
        String trimmed = raw == null ? "" : raw.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH || !SHAPE.matcher(trimmed).matches()) {
            throw new CommandRejectedException(RejectionCode.INVALID_EMAIL, "Email address is not valid");
        }
        return new EmailAddress(trimmed, trimmed.toLowerCase(Locale.ROOT));
    }

    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }
}
