package io.courier.gateway.realtime;

import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.Frames;
import io.courier.gateway.support.RealtimeClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's notice, sent on the management port, reaches every system stream; the streams are counted in metrics. */
@CourierIntegrationTest
class ServerNoticeTest {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    WebTestClient http;

    @Test
    void a_server_notice_reaches_system_streams_and_the_streams_are_counted() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)) // a scrape is large
                .build();
        try (RealtimeClient client = RealtimeClient.webSocket(port, ada.accessToken());
             Frames frames = Frames.all(client.stream("system.general"))) {
            frames.await("presence_state");
            management.post().uri("/actuator/notice").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("message", "Maintenance at noon")).exchange().expectStatus().isOk();
            assertThat(frames.await("server_notice").get("payload").get("message").asText()).isEqualTo("Maintenance at noon");

            String metrics = management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(metrics).contains("courier_realtime_connections").contains("courier_realtime_streams");
        }
        // not on the public port
        http.post().uri("/actuator/notice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", "x")).exchange().expectStatus().isNotFound();
    }
}
