package io.courier.command.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * A message group's id follows from what makes a post unique: conversation, sender and the client's
 * {@code clientMessageId}. A retry names the same group, so it is recognised without any index beyond the
 * event store's own. Name-based like RFC 9562's version 5, with SHA-256 instead of SHA-1, hence version 8
 * (RFC 9562, section 5.8: custom, with SHA-256 name-based ids as its example).
 */
public final class MessageGroupIds {

    /** Separates these names from any other SHA-256 name-based ids. */
    private static final byte[] NAMESPACE = "courier/message-group/v1".getBytes(StandardCharsets.US_ASCII);

    private MessageGroupIds() {
    }

    public static UUID of(UUID conversationId, UUID senderId, String clientMessageId) {
        MessageDigest sha256 = sha256();
        sha256.update(NAMESPACE);
        // both ids have a fixed length, so the client's text can't shift bytes between them
        sha256.update(ByteBuffer.allocate(32)
                .putLong(conversationId.getMostSignificantBits()).putLong(conversationId.getLeastSignificantBits())
                .putLong(senderId.getMostSignificantBits()).putLong(senderId.getLeastSignificantBits())
                .array());
        sha256.update(clientMessageId.getBytes(StandardCharsets.UTF_8));
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
        long most = hash.getLong();
        long least = hash.getLong();
        most = (most & ~0xF000L) | 0x8000L;                        // version 8
        least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(most, least);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
