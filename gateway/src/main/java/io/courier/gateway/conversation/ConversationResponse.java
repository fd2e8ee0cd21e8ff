package io.courier.gateway.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.conversation.ConversationDetailView;
import io.courier.api.conversation.MemberView;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation as its member sees it; key halves are the JSON values the clients uploaded. The body of
 * {@code GET /api/conversations/{id}} and of the real-time {@code joined} frame.
 */
public record ConversationResponse(UUID conversationId, @JsonProperty("private") boolean isPrivate, String alias, List<MemberView> members,
                            Map<UUID, Instant> readTimes, Map<UUID, JsonNode> publicKeys, JsonNode privateKey,
                            boolean ready, List<UUID> membersWithoutKeys) {

    public static ConversationResponse of(ConversationDetailView view, KeyPairs keyPairs) {
        Map<UUID, JsonNode> publicKeys = new LinkedHashMap<>();
        view.publicKeys().forEach((userId, key) -> publicKeys.put(userId, keyPairs.toJson(key)));
        return new ConversationResponse(view.conversationId(), view.isPrivate(), view.alias(), view.members(),
                view.readTimes(), publicKeys, keyPairs.toJson(view.privateKey()), view.ready(),
                view.membersWithoutKeys());
    }
}
