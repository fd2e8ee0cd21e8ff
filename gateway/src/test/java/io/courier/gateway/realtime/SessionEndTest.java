package io.courier.gateway.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.security.AccessTokens;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.Frames;
import io.courier.gateway.support.RealtimeClient;
import io.rsocket.exceptions.ConnectionErrorException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stream or connection lives no longer than the access token it was opened with, and ends at once when its
 * session is revoked: signing out everywhere, or reuse detection in its own session (only that session's).
 */
@CourierIntegrationTest
class SessionEndTest {

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;
    @Autowired
    AccessTokens accessTokens;

    @Test
    void a_stream_ends_with_token_expired_when_its_token_expires_and_resumes_with_a_fresh_one() {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        UUID userId = api.register(email);
        String shortLived = accessTokens.mint(userId, null, Duration.ofSeconds(2));
        try (RealtimeClient client = RealtimeClient.webSocket(port, null);
             Frames frames = Frames.all(client.stream("user." + userId, null, shortLived))) {
            JsonNode error = frames.awaitError();
            assertThat(error.get("code").asText()).isEqualTo("token_expired");
            assertThat(error.get("cursor").asText()).isNotEmpty();
            try (Frames resumed = Frames.all(client.stream("user." + userId, Map.of("after", error.get("cursor").asText()),
                    api.login(email).accessToken()))) {
                assertThat(resumed.ended()).isFalse();
            }
        }
    }

    @Test
    void a_connection_signed_in_at_setup_is_closed_with_token_expired_when_that_token_expires() {
        ApiClient api = new ApiClient(http);
        UUID userId = api.register(uniqueEmail());
        String shortLived = accessTokens.mint(userId, null, Duration.ofSeconds(2));
        try (RealtimeClient client = RealtimeClient.webSocket(port, shortLived);
             Frames frames = Frames.all(client.stream("system.general"))) {
            frames.await("presence_state");
            assertThatThrownBy(() -> client.closed().block(Duration.ofSeconds(20)))
                    .isInstanceOf(ConnectionErrorException.class)
                    .satisfies(e -> assertThat(RealtimeClient.errorBody(e).get("code").asText()).isEqualTo("token_expired"));
        }
    }

    @Test
    void signing_out_everywhere_ends_every_stream_at_once_and_the_old_token_opens_no_new_one() {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        UUID userId = api.register(email);
        Tokens phone = api.login(email);
        Tokens laptop = api.login(email);
        try (RealtimeClient phoneClient = RealtimeClient.webSocket(port, phone.accessToken());
             RealtimeClient laptopClient = RealtimeClient.webSocket(port, null);
             Frames phoneSees = Frames.all(phoneClient.stream("user." + userId))
                     .live(ChatClient.signedIn(http, userId, phone.accessToken()));
             Frames laptopSees = Frames.all(laptopClient.stream("system.general", null, laptop.accessToken()))) {
            laptopSees.await("presence_state");
            api.postAuthenticated("/api/signout_all", laptop.accessToken()).expectStatus().isNoContent();

            JsonNode error = phoneSees.awaitError();
            assertThat(error.get("code").asText()).isEqualTo("session_revoked");
            assertThat(error.get("reason").asText()).isEqualTo("signout_all");
            assertThat(phoneSees.of("session_revoked")).singleElement()
                    .satisfies(frame -> assertThat(frame.get("payload").get("reason").asText()).isEqualTo("signout_all"));
            assertThat(laptopSees.awaitError().get("code").asText()).isEqualTo("session_revoked");

            try (Frames again = Frames.all(laptopClient.stream("user." + userId, null, laptop.accessToken()))) {
                assertThat(again.awaitError().get("code").asText()).isEqualTo("session_revoked");
            }
        }
        // a login right after is a new session: the revocation, earlier in the store, does not touch it
        try (RealtimeClient client = RealtimeClient.webSocket(port, api.login(email).accessToken());
             Frames frames = Frames.all(client.stream("system.general"))) {
            frames.await("presence_state");
            assertThat(frames.ended()).isFalse();
        }
    }

    @Test
    void reuse_detection_ends_only_the_streams_of_the_session_it_revoked() {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        UUID userId = api.register(email);
        Tokens stolen = api.login(email);
        Tokens other = api.login(email);
        try (RealtimeClient stolenClient = RealtimeClient.webSocket(port, stolen.accessToken());
             RealtimeClient otherClient = RealtimeClient.webSocket(port, other.accessToken());
             Frames stolenSees = Frames.all(stolenClient.stream("user." + userId));
             Frames otherSees = Frames.all(otherClient.stream("user." + userId))
                     .live(ChatClient.signedIn(http, userId, other.accessToken()))) {
            api.refreshOk(stolen.refreshToken());
            ApiClient.waitOutReuseGrace();
            api.refresh(stolen.refreshToken()).expectStatus().isUnauthorized(); // theft: that session is revoked

            JsonNode error = stolenSees.awaitError();
            assertThat(error.get("code").asText()).isEqualTo("session_revoked");
            assertThat(error.get("reason").asText()).isEqualTo("reuse_detected");
            assertThat(otherSees.ended()).isFalse();
        }
    }
}
