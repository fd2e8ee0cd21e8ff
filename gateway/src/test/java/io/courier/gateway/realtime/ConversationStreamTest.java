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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's conversation stream: the conversation and its history first, then everything that happens in it. */
@CourierIntegrationTest
class ConversationStreamTest {

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void joining_answers_the_conversation_as_rest_shows_it_and_the_first_history_page() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        UUID first = Chats.post(ada, conversation, List.of(ada, bob), "one");
        UUID second = Chats.post(bob, conversation, List.of(ada, bob), "two");
        JsonNode rest = bob.awaitConversation(conversation, c -> assertThat(c.get("ready").asBoolean()).isTrue());
        await(() -> bob.history(conversation, "").get("items").size() == 2);

        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.all(client.stream("conversation." + conversation))) {
            JsonNode joined = frames.await("joined");
            assertThat(frames.frames().get(0).get("event").asText()).isEqualTo("joined");
            assertThat(joined.get("cursor").isNull()).isTrue();
            assertThat(joined.get("payload").get("conversation")).isEqualTo(rest);
            JsonNode items = joined.get("payload").get("history").get("items");
            assertThat(items).extracting(item -> item.get("messageGroupId").asText())
                    .containsExactly(second.toString(), first.toString());
            assertThat(items.get(1).get("content").asText()).isEqualTo(Chats.copyFor("one", bob));
            assertThat(joined.get("payload").get("history").get("nextPageToken").isNull()).isTrue();
        }
    }

    @Test
    void a_message_posted_as_the_stream_opens_comes_exactly_once_in_the_history_or_live() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        for (int round = 0; round < 5; round++) {
            UUID racing = Chats.post(ada, conversation, List.of(ada, bob), "racing " + round);
            try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
                 Frames frames = Frames.all(client.stream("conversation." + conversation))) {
                JsonNode history = frames.await("joined").get("payload").get("history").get("items");
                UUID after = Chats.post(ada, conversation, List.of(ada, bob), "after " + round);
                frames.await(frame -> frame.get("payload").path("messageGroupId").asText().equals(after.toString()));

                long inHistory = history.findValuesAsText("messageGroupId").stream()
                        .filter(id -> id.equals(racing.toString())).count();
                long live = frames.of("new_message").stream()
                        .filter(frame -> frame.get("payload").get("messageGroupId").asText().equals(racing.toString()))
                        .count();
                assertThat(inHistory + live).as("round " + round).isEqualTo(1);
            }
        }
    }

    @Test
    void a_member_sees_messages_aliases_members_keys_and_reads_as_they_happen() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        UUID conversation = Chats.readyGroup(ada, bob);
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.all(client.stream("conversation." + conversation))) {
            frames.await("joined");
            UUID posted = Chats.post(ada, conversation, List.of(ada, bob), "hi");
            JsonNode message = frames.await("new_message").get("payload");
            assertThat(message.get("messageGroupId").asText()).isEqualTo(posted.toString());
            assertThat(message.get("content").asText()).isEqualTo(Chats.copyFor("hi", bob));

            ada.send(HttpMethod.PATCH, "/api/conversations/" + conversation, Map.of("alias", "Renamed"))
                    .expectStatus().isNoContent();
            assertThat(frames.await("update_alias").get("payload").get("alias").asText()).isEqualTo("Renamed");

            ada.post("/api/conversations/" + conversation + "/read", null).expectStatus().isNoContent();
            JsonNode read = frames.await("read_conversation").get("payload");
            assertThat(read.get("userId").asText()).isEqualTo(ada.id().toString());
            assertThat(read.get("readAt").asText()).isNotEmpty();

            ada.post("/api/conversations/" + conversation + "/members", Map.of("userIds", List.of(cyd.id())))
                    .expectStatus().isNoContent();
            assertThat(frames.await("members_added").get("payload").get("userIds").get(0).asText())
                    .isEqualTo(cyd.id().toString());
            cyd.uploadKeys(conversation);
            frames.await(frame -> frame.get("event").asText().equals("keys_set")
                    && frame.get("payload").get("userId").asText().equals(cyd.id().toString()));
            cyd.post("/api/conversations/" + conversation + "/leave", null).expectStatus().isNoContent();
            assertThat(frames.await("member_left").get("payload").get("userId").asText()).isEqualTo(cyd.id().toString());
            assertThat(frames.ended()).isFalse();
        }
    }

    @Test
    void a_member_who_leaves_sees_its_stream_end_as_not_found() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        UUID conversation = Chats.readyGroup(ada, bob, cyd);
        try (RealtimeClient client = RealtimeClient.webSocket(port, cyd.accessToken());
             Frames frames = Frames.all(client.stream("conversation." + conversation))) {
            frames.await("joined");
            cyd.post("/api/conversations/" + conversation + "/leave", null).expectStatus().isNoContent();

            JsonNode error = frames.awaitError();
            assertThat(error.get("code").asText()).isEqualTo("not_found");
            assertThat(frames.of("member_left")).hasSize(1);
        }
        try (RealtimeClient client = RealtimeClient.webSocket(port, cyd.accessToken());
             Frames again = Frames.all(client.stream("conversation." + conversation))) {
            assertThat(again.awaitError().get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void typing_reaches_the_other_members_streams_and_is_never_stored() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient eve = ChatClient.signUp(http, "Eve");
        UUID conversation = Chats.readyGroup(ada, bob);
        try (RealtimeClient adas = RealtimeClient.webSocket(port, ada.accessToken());
             RealtimeClient bobs = RealtimeClient.webSocket(port, bob.accessToken());
             RealtimeClient eves = RealtimeClient.webSocket(port, eve.accessToken());
             Frames adaSees = Frames.all(adas.stream("conversation." + conversation));
             Frames bobSees = Frames.all(bobs.stream("conversation." + conversation))) {
            adaSees.await("joined");
            bobSees.await("joined");
            eves.fireAndForget("conversation." + conversation + ".start_typing", null).block(Duration.ofSeconds(5));
            adas.fireAndForget("conversation." + conversation + ".start_typing", null).block(Duration.ofSeconds(5));
            adas.fireAndForget("conversation." + conversation + ".finish_typing", null).block(Duration.ofSeconds(5));

            JsonNode started = bobSees.await("start_typing");
            assertThat(started.get("cursor").isNull()).isTrue();
            assertThat(started.get("payload").get("userId").asText()).isEqualTo(ada.id().toString());
            assertThat(started.get("payload").get("conversationId").asText()).isEqualTo(conversation.toString());
            bobSees.await("finish_typing");
            assertThat(bobSees.of("start_typing")).hasSize(1); // the outsider's notice went nowhere
            assertThat(adaSees.of("start_typing")).isEmpty();   // nor back to the one typing
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype ILIKE '%typing%'",
                Long.class)).isZero();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(condition);
    }
}
