package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Length is what makes passwords strong; composition rules only annoy (NIST SP 800-63B). Any Unicode
 * is welcome, except control characters and unpaired surrogates, which no keyboard types.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    // Argon2 input is unbounded; the cap keeps a request from buying minutes of hashing.
    static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    /** @return the password in the form to hash (see {@link #canonical}) */
    static String requireAcceptable(Secret password) {
        String value = canonical(password).orElseThrow(() -> new CommandRejectedException(RejectionCode.WEAK_PASSWORD,
                "Password must not contain control characters or unpaired surrogates"));
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH) {
            throw new CommandRejectedException(RejectionCode.WEAK_PASSWORD,
                    "Password must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            throw new CommandRejectedException(RejectionCode.WEAK_PASSWORD,
                    "Password must be at most " + MAX_LENGTH + " characters long");
        }
        if (value.isBlank()) {
            throw new CommandRejectedException(RejectionCode.WEAK_PASSWORD, "Password must not be only whitespace");
        }
        return value;
    }

    /**
     * Checks the password in its canonical form and, when that differs from what was typed, also as
     * typed: hashes stored before passwords were normalised were made from the password as typed.
     * Unknown accounts are checked against a decoy hash the same way, so both cost the same hashing.
     */
    static boolean matches(Secret password, String hash, PasswordEncoder passwordEncoder) {
        String canonical = canonical(password).orElse(null);
        if (canonical == null) {
            return false;
        }
        boolean matches = passwordEncoder.matches(canonical, hash);
        if (!matches && !canonical.equals(password.value())) {
            matches = passwordEncoder.matches(password.value(), hash);
        }
        return matches;
    }

    /**
     * The form that is hashed and compared: NFKC (NIST SP 800-63B 5.1.1.2), so the same password typed
     * on another keyboard or system, composed differently, still matches. Empty for what no
     * registration accepts.
     */
    static Optional<String> canonical(Secret password) {
        if (password == null || UnicodeText.containsControlCharacters(password.value())) {
            return Optional.empty();
        }
        return Optional.of(Normalizer.normalize(password.value(), Normalizer.Form.NFKC));
    }
}
