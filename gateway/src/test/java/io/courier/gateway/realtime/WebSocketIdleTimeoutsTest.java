package io.courier.gateway.realtime;

import io.courier.gateway.support.StrictLimitsIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slow-client timeouts are for HTTP requests, not for the WebSocket a request turns into: in this context
 * the server cuts a request whose body stalls for 1 s and any request still arriving after 3 s, yet an
 * upgraded {@code /rsocket} connection that sends nothing for longer stays open (RSocket's keepalive, every
 * 20 s from browsers, is what watches it).
 */
@StrictLimitsIntegrationTest
class WebSocketIdleTimeoutsTest {

    @LocalServerPort
    int port;

    @Test
    void a_websocket_outlives_the_read_and_request_timeouts_of_its_upgrade_request() throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        CompletableFuture<ByteBuffer> pong = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/rsocket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
                        pong.complete(message);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete("closed " + statusCode + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete("failed: " + error);
                    }
                })
                .get(10, TimeUnit.SECONDS);
        try {
            Thread.sleep(4_500); // past the 1 s read timeout and the 3 s request timeout, without a frame

            assertThat(closed).as("the connection while it was idle").isNotDone();
            socket.sendPing(ByteBuffer.wrap(new byte[] {42})).get(5, TimeUnit.SECONDS);
            assertThat(pong.get(5, TimeUnit.SECONDS).get()).isEqualTo((byte) 42);
            assertThat(closed).as("the connection after the ping").isNotDone();
        } finally {
            socket.abort();
        }
    }
}
