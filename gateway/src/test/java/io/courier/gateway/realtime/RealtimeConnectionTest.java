package io.courier.gateway.realtime;

import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.Frames;
import io.courier.gateway.support.RealtimeClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP server's slow-client timeouts guard requests, not the WebSocket a request upgrades to: a client that
 * only listens keeps its stream. Timeouts are short here, so a server that applied them would show it at once.
 */
@CourierIntegrationTest
@TestPropertySource(properties = {"courier.http.read-timeout=1s", "courier.http.request-timeout=1s",
        "courier.http.idle-timeout=1s"})
class RealtimeConnectionTest {

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;

    @Test
    void a_listening_client_outlives_the_http_timeouts() throws InterruptedException {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        try (RealtimeClient client = RealtimeClient.webSocket(port, ada.accessToken());
             Frames frames = Frames.all(client.stream("user." + ada.id()))) {
            frames.live(ada);
            Thread.sleep(Duration.ofSeconds(3).toMillis()); // three times every timeout, nothing sent meanwhile
            UUID second = ada.startGroup("After");
            frames.await(frame -> frame.get("payload").get("conversationId").asText().equals(second.toString()));
            assertThat(frames.ended()).isFalse();
        }
    }
}
