package io.courier.gateway.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.security.AccessTokens;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.Frames;
import io.courier.gateway.support.RealtimeClient;
import io.rsocket.exceptions.RejectedSetupException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may open which stream and send which request: every refusal is one error frame with a stable code. */
@CourierIntegrationTest
class RealtimeAuthorisationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;
    @Autowired
    AccessTokens accessTokens;

    @Test
    void a_stream_without_any_token_is_refused_as_unauthenticated() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        try (RealtimeClient anonymous = RealtimeClient.webSocket(port, null)) {
            assertThat(error(anonymous, "user." + ada.id(), null)).isEqualTo("unauthenticated");
            assertThat(error(anonymous, "system.general", null)).isEqualTo("unauthenticated");
        }
    }

    @Test
    void a_token_with_each_request_signs_in_that_request_on_an_anonymous_connection() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        try (RealtimeClient anonymous = RealtimeClient.webSocket(port, null);
             Frames frames = Frames.all(anonymous.stream("user." + ada.id(), null, ada.accessToken()))) {
            frames.live(ada); // a frame came: the stream is open and signed in
            assertThat(frames.ended()).isFalse();
        }
    }

    @Test
    void a_bad_token_in_setup_refuses_the_connection() {
        try (RealtimeClient forged = RealtimeClient.webSocket(port, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            assertThatThrownBy(() -> forged.stream("system.general").blockFirst(WAIT))
                    .isInstanceOf(RejectedSetupException.class)
                    .satisfies(e -> assertThat(RealtimeClient.errorBody(e).get("code").asText()).isEqualTo("unauthenticated"));
        }
    }

    @Test
    void an_expired_token_is_refused_in_setup_and_with_a_request() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        String expired = accessTokens.mint(ada.id(), null, Duration.ofMinutes(-5));
        try (RealtimeClient withExpired = RealtimeClient.webSocket(port, expired)) {
            assertThatThrownBy(() -> withExpired.stream("user." + ada.id()).blockFirst(WAIT))
                    .isInstanceOf(RejectedSetupException.class)
                    .satisfies(e -> assertThat(RealtimeClient.errorBody(e).get("code").asText()).isEqualTo("unauthenticated"));
        }
        try (RealtimeClient anonymous = RealtimeClient.webSocket(port, null)) {
            assertThat(error(anonymous, "user." + ada.id(), expired)).isEqualTo("unauthenticated");
            assertThatThrownBy(() -> anonymous.request("system.start_group_conversation", Map.of(), expired).block(WAIT))
                    .satisfies(e -> assertThat(RealtimeClient.errorBody(e).get("code").asText()).isEqualTo("unauthenticated"));
        }
    }

    @Test
    void another_users_stream_is_forbidden() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        try (RealtimeClient client = RealtimeClient.webSocket(port, bob.accessToken())) {
            assertThat(error(client, "user." + ada.id(), null)).isEqualTo("forbidden_stream");
        }
    }

    @Test
    void a_conversation_stream_is_not_found_alike_for_non_members_unknown_ids_and_garbage() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient eve = ChatClient.signUp(http, "Eve");
        UUID conversation = Chats.readyGroup(ada, bob);
        try (RealtimeClient client = RealtimeClient.webSocket(port, eve.accessToken())) {
            JsonNode nonMember = errorBody(client, "conversation." + conversation);
            JsonNode unknown = errorBody(client, "conversation." + UUID.randomUUID());
            assertThat(nonMember.get("code").asText()).isEqualTo("not_found");
            assertThat(nonMember).isEqualTo(unknown);
            assertThat(error(client, "conversation.not-an-id", null)).isEqualTo("not_found");
        }
    }

    @Test
    void an_unknown_route_is_not_found() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        try (RealtimeClient client = RealtimeClient.webSocket(port, ada.accessToken())) {
            assertThat(error(client, "nothing.here", null)).isEqualTo("not_found");
            assertThatThrownBy(() -> client.request("nothing.here", Map.of()).block(WAIT))
                    .satisfies(e -> assertThat(RealtimeClient.errorBody(e).get("code").asText()).isEqualTo("not_found"));
        }
    }

    private static String error(RealtimeClient client, String route, String token) {
        try (Frames frames = Frames.all(client.stream(route, null, token))) {
            return frames.awaitError().get("code").asText();
        }
    }

    private static JsonNode errorBody(RealtimeClient client, String route) {
        try (Frames frames = Frames.all(client.stream(route))) {
            return frames.awaitError();
        }
    }
}
