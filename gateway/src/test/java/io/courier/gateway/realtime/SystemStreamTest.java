package io.courier.gateway.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code system.general}: who is online (not hidden ones), display-name changes. */
@CourierIntegrationTest
class SystemStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;

    @Test
    void presence_starts_with_everyone_online_then_tells_who_comes_and_goes() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        try (RealtimeClient adas = RealtimeClient.webSocket(port, ada.accessToken());
             Frames adaSees = Frames.all(adas.stream("system.general"))) {
            JsonNode state = adaSees.await("presence_state");
            assertThat(adaSees.frames().get(0).get("event").asText()).isEqualTo("presence_state");
            assertThat(state.get("cursor").isNull()).isTrue();
            assertThat(state.get("payload").get("users")).anySatisfy(user -> {
                assertThat(user.get("userId").asText()).isEqualTo(ada.id().toString());
                assertThat(user.get("displayName").asText()).isEqualTo("Ada");
            });

            RealtimeClient bobs = RealtimeClient.webSocket(port, bob.accessToken());
            Frames bobSees = Frames.all(bobs.stream("user." + bob.id()));
            JsonNode joined = adaSees.await(diff("joins", bob.id()));
            assertThat(joined.get("payload").get("joins")).anySatisfy(user ->
                    assertThat(user.get("displayName").asText()).isEqualTo("Bob"));
            bobSees.close();
            bobs.close();
            adaSees.await(diff("leaves", bob.id()));
        }
    }

    @Test
    void a_user_who_hides_leaves_presence_and_comes_back_when_shown_again() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        try (RealtimeClient adas = RealtimeClient.webSocket(port, ada.accessToken());
             RealtimeClient bobs = RealtimeClient.webSocket(port, bob.accessToken());
             Frames adaSees = Frames.all(adas.stream("system.general"))) {
            adaSees.await("presence_state");
            Frames bobSees = Frames.all(bobs.stream("system.general"));
            adaSees.await(diff("joins", bob.id()));
            bobSees.await("presence_state");

            assertThat(bobs.request("system.set_hidden", Map.of("hidden", true)).block(WAIT).get("ok").asBoolean()).isTrue();
            adaSees.await(diff("leaves", bob.id()));
            try (RealtimeClient later = RealtimeClient.webSocket(port, ada.accessToken());
                 Frames laterSees = Frames.all(later.stream("system.general"))) {
                assertThat(laterSees.await("presence_state").get("payload").get("users"))
                        .noneSatisfy(user -> assertThat(user.get("userId").asText()).isEqualTo(bob.id().toString()));
            }

            assertThat(adaSees.of("presence_diff").stream().filter(diff("joins", bob.id()))).hasSize(1);
            bobs.request("system.set_hidden", Map.of("hidden", false)).block(WAIT);
            adaSees.await(frame -> adaSees.of("presence_diff").stream().filter(diff("joins", bob.id())).count() == 2);
        }
    }

    @Test
    void a_new_display_name_is_announced_and_used_from_then_on() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        try (RealtimeClient adas = RealtimeClient.webSocket(port, ada.accessToken());
             RealtimeClient bobs = RealtimeClient.webSocket(port, bob.accessToken());
             Frames adaSees = Frames.all(adas.stream("system.general"));
             Frames adaMessages = Frames.all(adas.stream("user." + ada.id())).live(ada)) {
            adaSees.await("presence_state");
            bobs.request("system.set_display_name", Map.of("displayName", "Robert")).block(WAIT);

            JsonNode renamed = adaSees.await(frame -> frame.get("event").asText().equals("update_display_name")
                    && frame.get("payload").get("userId").asText().equals(bob.id().toString()));
            assertThat(renamed.get("payload").get("displayName").asText()).isEqualTo("Robert");
            assertThat(renamed.get("cursor").asText()).isNotEmpty();

            Chats.post(bob, conversation, List.of(ada, bob), "signed");
            assertThat(adaMessages.await("new_message").get("payload").get("senderName").asText()).isEqualTo("Robert");

            JsonNode invalid = RealtimeClient.errorBody(org.assertj.core.api.Assertions.catchThrowable(() ->
                    bobs.request("system.set_display_name", Map.of("displayName", "x")).block(WAIT)));
            assertThat(invalid.get("code").asText()).isEqualTo("invalid_display_name");
        }
    }

    @Test
    void deleting_an_account_ends_its_streams() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        try (RealtimeClient client = RealtimeClient.webSocket(port, null);
             Frames frames = Frames.all(client.stream("user." + ada.id(), null, ada.accessToken()))) {
            ada.send(HttpMethod.DELETE, "/api/account", Map.of("currentPassword", ApiClient.PASSWORD))
                    .expectStatus().isNoContent();
            JsonNode error = frames.awaitError();
            assertThat(error.get("code").asText()).isEqualTo("session_revoked");
            assertThat(error.get("reason").asText()).as(error.toString() + frames.frames()).isEqualTo("account_deleted");
        }
    }

    private static Predicate<JsonNode> diff(String side, UUID userId) {
        return frame -> frame.get("event").asText().equals("presence_diff")
                && frame.get("payload").get(side).findValuesAsText("userId").contains(userId.toString());
    }
}
