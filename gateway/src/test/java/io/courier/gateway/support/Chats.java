package io.courier.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Conversations set up over REST for real-time tests, with stand-in ciphertexts: {@code "<text> for <userId>"},
 * so a test can tell whose copy a frame carries. The server never reads ciphertexts, so any text does.
 */
public final class Chats {

    private Chats() {
    }

    /** A group whose members all have keys: ready for messages at once (the command side decides that). */
    public static UUID readyGroup(ChatClient owner, ChatClient... others) {
        UUID conversationId = owner.startGroup("Group", others);
        Arrays.stream(others).forEach(other -> other.uploadKeys(conversationId));
        return conversationId;
    }

    public static String copyFor(String text, ChatClient member) {
        return text + " for " + member.id();
    }

    /** Posts {@code text} to every member; answers the message group's id. */
    public static UUID post(ChatClient sender, UUID conversationId, List<ChatClient> members, String text) {
        Map<String, String> copies = new LinkedHashMap<>();
        members.forEach(member -> copies.put(member.id().toString(), copyFor(text, member)));
        JsonNode posted = sender.json(sender.post("/api/conversations/" + conversationId + "/messages",
                Map.of("clientMessageId", UUID.randomUUID().toString(), "encryptedMessages", copies))
                .expectStatus().isCreated());
        return UUID.fromString(posted.get("messageGroupId").asText());
    }
}
