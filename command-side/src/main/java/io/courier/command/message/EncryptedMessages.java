package io.courier.command.message;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.command.text.Utf8;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The ciphertexts of a message group, one per recipient. The server can't read them; it checks that they go
 * to exactly the right people and fit the limits. Ciphertexts are text (what clients encrypt to is encoded,
 * e.g. base64 or JWE); NUL and unpaired surrogates can't be stored as text, so they are refused here rather
 * than failing a projection later.
 */
final class EncryptedMessages {

    private EncryptedMessages() {
    }

    /** The recipients must be exactly {@code expected}: every one of them, nobody else. */
    static void requireRecipients(Map<UUID, String> ciphertexts, Collection<UUID> expected) {
        Set<UUID> recipients = ciphertexts == null ? Set.of() : ciphertexts.keySet();
        Set<UUID> wanted = new HashSet<>(expected);
        List<String> missing = wanted.stream().filter(id -> !recipients.contains(id)).map(UUID::toString)
                .sorted().toList();
        List<String> extra = recipients.stream().filter(id -> !wanted.contains(id))
                .map(String::valueOf).sorted().toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new CommandRejectedException(RejectionCode.RECIPIENTS_MISMATCH,
                    "There must be one ciphertext for each member of the conversation, and no other",
                    Map.of("missingRecipientIds", missing, "extraRecipientIds", extra));
        }
    }

    static void requireWithinLimits(Map<UUID, String> ciphertexts, MessageLimits limits) {
        long total = 0;
        for (String ciphertext : ciphertexts.values()) {
            if (ciphertext == null || ciphertext.isEmpty()) {
                throw invalid("A ciphertext must not be empty");
            }
            int bytes = Utf8.encodedLength(ciphertext);
            if (bytes == Utf8.NOT_STORABLE) {
                throw invalid("A ciphertext contains characters that can't be stored");
            }
            if (bytes > limits.maxCiphertextBytes()) {
                throw invalid("A ciphertext must be at most " + limits.maxCiphertextBytes() + " bytes");
            }
            total += bytes;
        }
        if (total > limits.maxGroupBytes()) {
            throw invalid("The ciphertexts together must be at most " + limits.maxGroupBytes() + " bytes");
        }
    }

    private static CommandRejectedException invalid(String message) {
        return new CommandRejectedException(RejectionCode.INVALID_MESSAGE, message);
    }
}
