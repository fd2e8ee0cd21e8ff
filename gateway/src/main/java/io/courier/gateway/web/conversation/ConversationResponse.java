package io.courier.gateway.web.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.conversation.MemberView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A conversation as its member sees it; key halves are the JSON values the clients uploaded. */
record ConversationResponse(UUID conversationId, @JsonProperty("private") boolean isPrivate, String alias, List<MemberView> members,
                            Map<UUID, Instant> readTimes, Map<UUID, JsonNode> publicKeys, JsonNode privateKey,
                            boolean ready, List<UUID> membersWithoutKeys) {
}
