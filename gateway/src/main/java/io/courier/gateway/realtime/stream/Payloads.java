package io.courier.gateway.realtime.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.conversation.MemberView;
import io.courier.api.message.MessagePage;
import io.courier.gateway.conversation.ConversationResponse;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payloads of frames, field for field as docs/realtime.md describes them (camelCase, as the REST views). */
public final class Payloads {

    private Payloads() {
    }

    public record NewConversation(UUID conversationId, @JsonProperty("private") boolean isPrivate, String alias,
                                  List<MemberView> members) {
    }

    /** {@code new_message} and {@code edit_message}: the subscriber's own ciphertext only. */
    public record Message(UUID conversationId, UUID messageGroupId, UUID senderId, String senderName, String content,
                          Instant sentAt, Instant editedAt, boolean deleted) {
    }

    public record MessageDeleted(UUID conversationId, UUID messageGroupId, Instant deletedAt) {
    }

    public record MembersAdded(UUID conversationId, List<UUID> userIds) {
    }

    public record MemberLeft(UUID conversationId, UUID userId) {
    }

    public record KeysSet(UUID conversationId, UUID userId, JsonNode publicKey) {
    }

    public record AliasUpdated(UUID conversationId, String alias) {
    }

    public record ConversationRead(UUID conversationId, UUID userId, Instant readAt) {
    }

    public record Typing(UUID conversationId, UUID userId) {
    }

    public record Joined(ConversationResponse conversation, MessagePage history) {
    }

    public record SessionRevoked(String reason) {
    }

    public record PresenceState(List<MemberView> users) {
    }

    public record PresenceDiff(List<MemberView> joins, List<MemberView> leaves) {
    }

    public record DisplayNameUpdated(UUID userId, String displayName) {
    }

    public record ServerNotice(String message) {
    }
}
