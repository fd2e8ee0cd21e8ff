package io.courier.gateway.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.Frames;
import io.courier.gateway.support.RealtimeClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's own stream carries everything that happens to its conversations, each message as its own copy. */
@CourierIntegrationTest
class UserStreamTest {

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;

    @Test
    void a_member_sees_new_conversations_messages_edits_and_deletions_with_its_own_ciphertext_only() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.all(client.stream("user." + bob.id())).live(bob)) {
            UUID conversation = Chats.readyGroup(ada, bob);

            JsonNode started = frames.await(frame -> frame.get("event").asText().equals("new_conversation")
                    && frame.get("payload").get("conversationId").asText().equals(conversation.toString()));
            assertThat(started.get("cursor").asText()).isNotEmpty();
            assertThat(started.get("payload").get("conversationId").asText()).isEqualTo(conversation.toString());
            assertThat(started.get("payload").get("private").asBoolean()).isFalse();
            assertThat(started.get("payload").get("alias").asText()).isEqualTo("Group");
            assertThat(started.get("payload").get("members")).extracting(member -> member.get("displayName").asText())
                    .containsExactly("Ada", "Bob");

            UUID posted = Chats.post(ada, conversation, List.of(ada, bob), "hello");
            JsonNode message = frames.await("new_message").get("payload");
            assertThat(message.get("messageGroupId").asText()).isEqualTo(posted.toString());
            assertThat(message.get("senderId").asText()).isEqualTo(ada.id().toString());
            assertThat(message.get("senderName").asText()).isEqualTo("Ada");
            assertThat(message.get("content").asText()).isEqualTo(Chats.copyFor("hello", bob));
            assertThat(message.get("sentAt").asText()).isNotEmpty();
            assertThat(message.get("editedAt").isNull()).isTrue();
            assertThat(message.get("deleted").asBoolean()).isFalse();

            ada.send(HttpMethod.PUT, "/api/conversations/" + conversation + "/messages/" + posted,
                    Map.of("encryptedMessages", Map.of(ada.id(), "edited", bob.id(), "edited for bob")))
                    .expectStatus().isNoContent();
            JsonNode edit = frames.await("edit_message").get("payload");
            assertThat(edit.get("content").asText()).isEqualTo("edited for bob");
            assertThat(edit.get("editedAt").asText()).isNotEmpty();

            ada.send(HttpMethod.DELETE, "/api/conversations/" + conversation + "/messages/" + posted, null)
                    .expectStatus().isNoContent();
            JsonNode deleted = frames.await("delete_message").get("payload");
            assertThat(deleted.get("messageGroupId").asText()).isEqualTo(posted.toString());
            assertThat(deleted.get("deletedAt").asText()).isNotEmpty();

            // cursors only ever move on
            List<String> cursors = frames.frames().stream().map(frame -> frame.get("cursor").asText()).toList();
            assertThat(cursors).doesNotHaveDuplicates();
        }
    }

    @Test
    void members_hear_of_added_members_keys_and_leaves_and_the_added_member_of_its_new_conversation() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        UUID conversation = Chats.readyGroup(ada, bob);
        try (RealtimeClient bobs = RealtimeClient.webSocket(port, bob.accessToken());
             RealtimeClient cyds = RealtimeClient.webSocket(port, cyd.accessToken());
             Frames bobSees = Frames.all(bobs.stream("user." + bob.id())).live(bob);
             Frames cydSees = Frames.all(cyds.stream("user." + cyd.id())).live(cyd)) {
            ada.post("/api/conversations/" + conversation + "/members", Map.of("userIds", List.of(cyd.id())))
                    .expectStatus().isNoContent();

            JsonNode added = bobSees.await("members_added").get("payload");
            assertThat(added.get("conversationId").asText()).isEqualTo(conversation.toString());
            assertThat(added.get("userIds")).extracting(JsonNode::asText).containsExactly(cyd.id().toString());
            JsonNode joined = cydSees.await(frame -> frame.get("event").asText().equals("new_conversation")
                    && frame.get("payload").get("conversationId").asText().equals(conversation.toString())).get("payload");
            assertThat(joined.get("members")).extracting(member -> member.get("userId").asText())
                    .containsExactly(ada.id().toString(), bob.id().toString(), cyd.id().toString());

            cyd.uploadKeys(conversation);
            // (the stream is live from where this node's tail stood: it may start with bob's own keys, set just before)
            JsonNode keys = bobSees.await(frame -> frame.get("event").asText().equals("keys_set")
                    && frame.get("payload").get("userId").asText().equals(cyd.id().toString())).get("payload");
            assertThat(keys.get("publicKey").get("n").asText())
                    .isEqualTo(cyd.keysFor(conversation).publicJwk().get("n"));

            cyd.post("/api/conversations/" + conversation + "/leave", null).expectStatus().isNoContent();
            JsonNode left = bobSees.await("member_left").get("payload");
            assertThat(left.get("userId").asText()).isEqualTo(cyd.id().toString());
            assertThat(cydSees.await("member_left").get("payload").get("userId").asText()).isEqualTo(cyd.id().toString());
        }
    }

    @Test
    void another_members_copy_never_reaches_a_stream() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        UUID conversation = Chats.readyGroup(ada, bob, cyd);
        try (RealtimeClient client = RealtimeClient.webSocket(port, cyd.accessToken());
             Frames frames = Frames.all(client.stream("user." + cyd.id())).live(cyd)) {
            Chats.post(ada, conversation, List.of(ada, bob, cyd), "secret");
            JsonNode frame = frames.await("new_message");
            assertThat(frame.toString()).contains(Chats.copyFor("secret", cyd))
                    .doesNotContain(Chats.copyFor("secret", bob))
                    .doesNotContain(Chats.copyFor("secret", ada));
        }
    }
}
