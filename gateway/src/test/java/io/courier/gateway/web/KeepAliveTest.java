package io.courier.gateway.web;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Browsers and mobile clients keep one connection open and send request after request on it. */
@CourierIntegrationTest
class KeepAliveTest {

    @Autowired
    WebTestClient http;
    @LocalServerPort
    int port;

    @Test
    void three_hundred_reads_in_a_row_on_one_connection_are_all_answered() throws Exception {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        api.register(email);
        String token = api.login(email).accessToken();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", token).expectStatus().isOk());
        HttpClient oneConnection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest me = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5))
                .GET().build();

        for (int i = 0; i < 300; i++) {
            assertThat(oneConnection.send(me, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as("request %d", i).isEqualTo(200);
        }
    }
}
