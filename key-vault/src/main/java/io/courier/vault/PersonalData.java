package io.courier.vault;

import java.util.Optional;
import java.util.UUID;

/**
 * Personal data inside events, sealed under a key of its owner's own (crypto-shredding). Events are never
 * changed, so forgetting a person means destroying their key: every value sealed under it, in any event,
 * snapshot or backup, becomes unreadable at once.
 * <p>
 * A value is sealed for a {@code field} ({@code email}, {@code display-name}, ...) that is authenticated with
 * it, so a sealed value copied to another field or another owner does not open.
 */
public interface PersonalData {

    /** How events stored before sealing existed carry a clear value once upcast (see {@link #plain}). */
    String PLAIN_PREFIX = "plain:";

    /** Seals {@code value} under the owner's key, making that key first if the owner has none yet. */
    String seal(UUID owner, String field, String value);

    /**
     * The value, or empty when there is none ({@code sealed} null) or it can no longer be read: the owner's key
     * was destroyed. A value that was altered fails with {@link VaultException}.
     */
    Optional<String> open(UUID owner, String field, String sealed);

    /** Destroys the owner's key; within the caller's transaction where there is one. */
    void forget(UUID owner);

    /**
     * A value stored in clear before sealing existed, marked so that it can never be taken for a sealed one.
     * Such values stay readable until the owner is forgotten, which erases them (see the account erasure).
     */
    static String plain(String value) {
        return value == null ? null : PLAIN_PREFIX + value;
    }
}
