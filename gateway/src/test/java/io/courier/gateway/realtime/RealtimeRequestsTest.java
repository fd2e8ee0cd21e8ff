package io.courier.gateway.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.ClientKeyPair;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.Frames;
import io.courier.gateway.support.RealtimeClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every request route sends the command REST sends and answers {@code {"ok": true, ...}}, or the error frame with
 * the code REST would answer with.
 */
@CourierIntegrationTest
class RealtimeRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;

    @Test
    void a_group_is_started_keyed_written_in_edited_renamed_read_extended_and_left_over_rsocket() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        try (RealtimeClient adas = RealtimeClient.webSocket(port, ada.accessToken());
             RealtimeClient bobs = RealtimeClient.webSocket(port, bob.accessToken());
             Frames bobSees = Frames.all(bobs.stream("user." + bob.id())).live(bob)) {
            ClientKeyPair adaKeys = ClientKeyPair.generate();
            JsonNode started = ok(adas.request("system.start_group_conversation", Map.of("userIds", List.of(bob.id()),
                    "alias", "Engines", "publicKey", adaKeys.publicJwk(), "privateKey", adaKeys.privateJwk())));
            UUID conversation = UUID.fromString(started.get("conversationId").asText());
            String route = "conversation." + conversation;
            bobSees.await("new_conversation");

            JsonNode notReady = error(adas.request(route + ".send_message", message(List.of(ada, bob), "early")));
            assertThat(notReady.get("code").asText()).isEqualTo("conversation_not_ready");
            assertThat(notReady.get("membersWithoutKeys")).extracting(JsonNode::asText).containsExactly(bob.id().toString());

            ClientKeyPair bobKeys = ClientKeyPair.generate();
            ok(bobs.request(route + ".set_keys", Map.of("publicKey", bobKeys.publicJwk(), "privateKey", bobKeys.privateJwk())));
            JsonNode sent = ok(adas.request(route + ".send_message", message(List.of(ada, bob), "hello")));
            String messageGroupId = sent.get("messageGroupId").asText();
            assertThat(sent.get("sentAt").asText()).isNotEmpty();
            assertThat(bobSees.await("new_message").get("payload").get("content").asText())
                    .isEqualTo(Chats.copyFor("hello", bob));

            ok(adas.request(route + ".edit_message", Map.of("messageGroupId", messageGroupId,
                    "encryptedMessages", Map.of(ada.id(), "e", bob.id(), "edited"))));
            assertThat(bobSees.await("edit_message").get("payload").get("content").asText()).isEqualTo("edited");
            JsonNode notSender = error(bobs.request(route + ".delete_message", Map.of("messageGroupId", messageGroupId)));
            assertThat(notSender.get("code").asText()).isEqualTo("not_sender");
            ok(adas.request(route + ".delete_message", Map.of("messageGroupId", messageGroupId)));
            bobSees.await("delete_message");

            ok(bobs.request(route + ".read", null));
            ok(adas.request(route + ".change_alias", new HashMap<>(Map.of("alias", "Renamed"))));
            Map<String, Object> removeAlias = new HashMap<>();
            removeAlias.put("alias", null);
            ok(adas.request(route + ".change_alias", removeAlias));
            ok(adas.request(route + ".add_members", Map.of("userIds", List.of(cyd.id()))));
            bobSees.await("members_added");
            JsonNode conversationAsRest = bob.awaitConversation(conversation, c -> {
                assertThat(c.get("members")).hasSize(3);
                assertThat(c.get("alias").isNull()).isTrue();
                assertThat(c.get("readTimes").has(bob.id().toString())).isTrue();
            });
            assertThat(conversationAsRest.get("privateKey").get("d").asText()).isEqualTo(bobKeys.secretPart());

            ok(bobs.request(route + ".leave", null));
            bobSees.await(frame -> frame.get("event").asText().equals("member_left"));
            assertThat(error(bobs.request(route + ".read", null)).get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void a_private_conversation_is_started_once_per_pair() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        try (RealtimeClient adas = RealtimeClient.webSocket(port, ada.accessToken())) {
            ClientKeyPair keys = ClientKeyPair.generate();
            Map<String, Object> request = Map.of("otherUserId", bob.id(), "publicKey", keys.publicJwk(),
                    "privateKey", keys.privateJwk());
            JsonNode first = ok(adas.request("system.start_private_conversation", request));
            assertThat(first.get("created").asBoolean()).isTrue();
            JsonNode again = ok(adas.request("system.start_private_conversation", request));
            assertThat(again.get("created").asBoolean()).isFalse();
            assertThat(again.get("conversationId")).isEqualTo(first.get("conversationId"));

            JsonNode self = error(adas.request("system.start_private_conversation", Map.of("otherUserId", ada.id(),
                    "publicKey", keys.publicJwk(), "privateKey", keys.privateJwk())));
            assertThat(self.get("code").asText()).isEqualTo("invalid_request");
        }
    }

    @Test
    void invalid_data_is_answered_like_rest_answers_it() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        try (RealtimeClient adas = RealtimeClient.webSocket(port, ada.accessToken())) {
            JsonNode missing = error(adas.request("conversation." + conversation + ".send_message",
                    Map.of("encryptedMessages", Map.of(ada.id(), "x"))));
            assertThat(missing.get("code").asText()).isEqualTo("invalid_request");
            assertThat(missing.get("errors")).extracting(e -> e.get("field").asText()).contains("clientMessageId");

            JsonNode wrongType = error(adas.request("system.start_group_conversation", Map.of("userIds", "everyone")));
            assertThat(wrongType.get("code").asText()).isEqualTo("invalid_request");

            JsonNode badKeys = error(adas.request("conversation." + conversation + ".set_keys",
                    Map.of("publicKey", "not a jwk", "privateKey", Map.of())));
            assertThat(badKeys.get("code").asText()).isEqualTo("invalid_keys");

            JsonNode mismatch = error(adas.request("conversation." + conversation + ".send_message",
                    Map.of("clientMessageId", "m1", "encryptedMessages", Map.of(ada.id(), "x"))));
            assertThat(mismatch.get("code").asText()).isEqualTo("recipients_mismatch");

            JsonNode nowhere = error(adas.request("conversation." + UUID.randomUUID() + ".read", null));
            assertThat(nowhere.get("code").asText()).isEqualTo("not_found");
        }
    }

    private static Map<String, Object> message(List<ChatClient> members, String text) {
        Map<String, String> copies = new LinkedHashMap<>();
        members.forEach(member -> copies.put(member.id().toString(), Chats.copyFor(text, member)));
        return Map.of("clientMessageId", UUID.randomUUID().toString(), "encryptedMessages", copies);
    }

    private static JsonNode ok(reactor.core.publisher.Mono<JsonNode> answer) {
        JsonNode body = answer.block(WAIT);
        assertThat(body).isNotNull();
        assertThat(body.get("ok").asBoolean()).as(body.toString()).isTrue();
        return body;
    }

    private static JsonNode error(reactor.core.publisher.Mono<JsonNode> answer) {
        JsonNode[] error = new JsonNode[1];
        assertThatThrownBy(() -> answer.block(WAIT)).satisfies(e -> error[0] = RealtimeClient.errorBody(e));
        return error[0];
    }
}
