package io.courier.gateway;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Read models are disposable: replaying the event store rebuilds them exactly. */
@CourierIntegrationTest
class ReadModelRebuildTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void resetting_the_accounts_processor_rebuilds_lost_and_damaged_rows_from_events() {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        UUID userId = UUID.fromString(api.post("/auth/register",
                        Map.of("email", email, "password", PASSWORD, "displayName", "Grace"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("userId").toString());
        String accessToken = api.login(email).accessToken();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                api.get("/api/me", accessToken).expectStatus().isOk());

        StreamingEventProcessor accounts = processing.eventProcessor("accounts", StreamingEventProcessor.class)
                .orElseThrow();
        accounts.shutDown();
        jdbc.update("UPDATE account_view SET display_name = 'damaged'");
        jdbc.update("DELETE FROM session_view WHERE user_id = ?", userId);
        accounts.resetTokens();
        accounts.start();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            api.get("/api/me", accessToken).expectStatus().isOk()
                    .expectBody().jsonPath("$.displayName").isEqualTo("Grace");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM session_view WHERE user_id = ?", Integer.class, userId))
                    .isEqualTo(1);
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_view WHERE display_name = 'damaged'", Integer.class))
                .isZero();
    }
}
