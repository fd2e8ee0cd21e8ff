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
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that reconnects with the last cursor it saw gets exactly what it missed, in order, then live events;
 * a client that reads too slowly is cut off with a cursor and loses nothing by resuming from it.
 */
@CourierIntegrationTest
class ResumeTest {

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;

    @Test
    void resuming_after_fifty_missed_messages_delivers_exactly_those_in_order_then_live_ones() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        String cursor;
        UUID seen;
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.all(client.stream("user." + bob.id())).live(bob)) {
            seen = Chats.post(ada, conversation, List.of(ada, bob), "seen");
            cursor = frames.await(frame -> isMessage(frame, seen)).get("cursor").asText();
        }

        List<String> missed = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            missed.add(Chats.post(ada, conversation, List.of(ada, bob), "missed " + i).toString());
        }

        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.all(client.stream("user." + bob.id(), Map.of("after", cursor), null))) {
            List<JsonNode> caughtUp = frames.await("new_message", 50);
            UUID live = Chats.post(ada, conversation, List.of(ada, bob), "live");
            frames.await(frame -> isMessage(frame, live));

            List<String> received = frames.of("new_message").stream()
                    .map(frame -> frame.get("payload").get("messageGroupId").asText()).toList();
            List<String> expected = new ArrayList<>(missed);
            expected.add(live.toString());
            assertThat(received).containsExactlyElementsOf(expected);
            assertThat(caughtUp.get(0).get("payload").get("content").asText()).isEqualTo(Chats.copyFor("missed 1", bob));
            assertThat(frames.frames()).allMatch(frame -> frame.get("event").asText().equals("new_message"));
        }
    }

    @Test
    void a_cursor_resumed_twice_gives_the_same_frames() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        String cursor;
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.all(client.stream("user." + bob.id())).live(bob)) {
            UUID first = Chats.post(ada, conversation, List.of(ada, bob), "first");
            cursor = frames.await(frame -> isMessage(frame, first)).get("cursor").asText();
        }
        List<UUID> later = List.of(Chats.post(ada, conversation, List.of(ada, bob), "a"),
                Chats.post(bob, conversation, List.of(ada, bob), "b"));
        for (int attempt = 0; attempt < 2; attempt++) {
            try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
                 Frames frames = Frames.all(client.stream("user." + bob.id(), Map.of("after", cursor), null))) {
                assertThat(frames.await("new_message", 2)).extracting(frame -> frame.get("payload").get("messageGroupId").asText())
                        .containsExactly(later.get(0).toString(), later.get(1).toString());
            }
        }
    }

    @Test
    void a_cursor_that_is_none_of_ours_is_refused() {
        ChatClient bob = ChatClient.signUp(http, "Bob");
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken())) {
            for (String bad : List.of("not a cursor", "-1", "12.zz-", "999999999999999")) {
                try (Frames frames = Frames.all(client.stream("user." + bob.id(), Map.of("after", bad), null))) {
                    assertThat(frames.awaitError().get("code").asText()).as(bad).isEqualTo("invalid_request");
                }
            }
        }
    }

    @Test
    void a_slow_reader_is_cut_off_with_a_cursor_others_get_everything_and_resuming_loses_nothing() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        UUID conversation = Chats.readyGroup(ada, bob, cyd);
        List<ChatClient> members = List.of(ada, bob, cyd);
        int count = 300; // more than the stream buffer (256)
        List<String> posted = new ArrayList<>();
        try (RealtimeClient bobs = RealtimeClient.webSocket(port, bob.accessToken());
             RealtimeClient cyds = RealtimeClient.webSocket(port, cyd.accessToken());
             Frames slow = Frames.asking(1, bobs.stream("user." + bob.id())).live(bob);
             Frames fast = Frames.all(cyds.stream("user." + cyd.id())).live(cyd)) {
            for (int i = 0; i < count; i++) {
                posted.add(Chats.post(ada, conversation, members, "m" + i).toString());
            }
            List<JsonNode> received = fast.await("new_message", count);
            assertThat(received).extracting(frame -> frame.get("payload").get("messageGroupId").asText())
                    .containsExactlyElementsOf(posted);

            JsonNode error = slow.awaitError();
            assertThat(error.get("code").asText()).isEqualTo("slow_consumer");
            // what it took: the frames of the group's setup and its own marker, none of the posts
            List<JsonNode> took = slow.frames();
            assertThat(took).noneMatch(frame -> frame.get("event").asText().equals("new_message"));
            String cursor = error.get("cursor").asText();
            assertThat(cursor).isEqualTo(took.get(took.size() - 1).get("cursor").asText());

            try (Frames resumed = Frames.all(bobs.stream("user." + bob.id(), Map.of("after", cursor), null))) {
                List<String> rest = resumed.await("new_message", count).stream()
                        .map(frame -> frame.get("payload").get("messageGroupId").asText()).toList();
                assertThat(rest).containsExactlyElementsOf(posted);
            }
        }
    }

    @Test
    void a_client_catching_up_at_its_own_pace_gets_everything_in_order_and_is_not_cut_off() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        String cursor;
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.all(client.stream("user." + bob.id())).live(bob)) {
            UUID seen = Chats.post(ada, conversation, List.of(ada, bob), "seen");
            cursor = frames.await(frame -> isMessage(frame, seen)).get("cursor").asText();
        }
        int count = 300; // more than the stream buffer (256): catching up must wait for the client
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            missed.add(Chats.post(ada, conversation, List.of(ada, bob), "missed " + i).toString());
        }
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken());
             Frames frames = Frames.asking(10, client.stream("user." + bob.id(), Map.of("after", cursor), null))) {
            // ten frames at a time, each ten only once the previous ten came
            for (int asked = 10; frames.frames().size() < count; asked += 10) {
                int expected = asked;
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                        .until(() -> frames.frames().size() >= expected || frames.ended());
                assertThat(frames.ended()).as(String.valueOf(frames.error())).isFalse();
                frames.ask(10);
            }
            assertThat(frames.of("new_message")).extracting(frame -> frame.get("payload").get("messageGroupId").asText())
                    .containsExactlyElementsOf(missed);
        }
    }

    private static boolean isMessage(JsonNode frame, UUID messageGroupId) {
        return frame.get("event").asText().equals("new_message")
                && frame.get("payload").get("messageGroupId").asText().equals(messageGroupId.toString());
    }
}
