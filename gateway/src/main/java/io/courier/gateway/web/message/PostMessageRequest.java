package io.courier.gateway.web.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One ciphertext per member, keyed by user id. The bound on entries only stops absurd bodies early; the
 * command side checks the recipients against the members and the sizes against the configured limits.
 */
record PostMessageRequest(@NotNull @Size(min = 1, max = 100) String clientMessageId,
                          @NotNull @Size(min = 1, max = 1000) Map<UUID, @NotNull String> encryptedMessages) {

    /** The annotations' constraints, checked without a validator (for {@link DirectPosting}). */
    boolean meetsConstraints() {
        return clientMessageId != null && !clientMessageId.isEmpty() && clientMessageId.length() <= 100
                && encryptedMessages != null && !encryptedMessages.isEmpty() && encryptedMessages.size() <= 1000
                && encryptedMessages.values().stream().allMatch(Objects::nonNull);
    }
}
