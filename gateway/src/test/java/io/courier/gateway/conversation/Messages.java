package io.courier.gateway.conversation;

import io.courier.api.message.MessageGroupDeleted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Message group events with a recognisable ciphertext per (group, recipient, version). */
final class Messages {

    private Messages() {
    }

    static String ciphertext(UUID messageGroupId, UUID recipientId, int version) {
        return "ciphertext-v" + version + "-" + messageGroupId + "-for-" + recipientId;
    }

    static MessageGroupPosted posted(UUID conversationId, UUID senderId, Instant sentAt, UUID... recipientIds) {
        UUID messageGroupId = UUID.randomUUID();
        return new MessageGroupPosted(messageGroupId, conversationId, senderId, "client-" + messageGroupId,
                ciphertexts(messageGroupId, 1, recipientIds), sentAt);
    }

    static MessageGroupEdited edited(MessageGroupPosted posted, int version, Instant editedAt) {
        return new MessageGroupEdited(posted.messageGroupId(), posted.conversationId(), posted.senderId(),
                ciphertexts(posted.messageGroupId(), version, posted.encryptedMessages().keySet().toArray(UUID[]::new)),
                editedAt);
    }

    static MessageGroupDeleted deleted(MessageGroupPosted posted, Instant deletedAt) {
        return new MessageGroupDeleted(posted.messageGroupId(), posted.conversationId(), posted.senderId(), deletedAt);
    }

    private static Map<UUID, String> ciphertexts(UUID messageGroupId, int version, UUID... recipientIds) {
        Map<UUID, String> messages = new LinkedHashMap<>();
        for (UUID recipientId : recipientIds) {
            messages.put(recipientId, ciphertext(messageGroupId, recipientId, version));
        }
        return messages;
    }
}
