package io.courier.api.message;

import java.time.Instant;
import java.util.UUID;

/** The caller's own ciphertext; {@code content} is null when {@code deleted}. {@code editedAt} is null if never edited. */
public record MessageView(UUID messageGroupId, UUID senderId, String senderName, String content, Instant sentAt,
                          Instant editedAt, boolean deleted) {
}
