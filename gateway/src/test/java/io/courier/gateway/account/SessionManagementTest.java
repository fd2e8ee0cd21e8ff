package io.courier.gateway.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.json;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Devices: each session shows what signed in and when it was last used; each can be ended alone. */
@CourierIntegrationTest
class SessionManagementTest {

    @Autowired
    WebTestClient http;
    ApiClient api;
    String email;
    Tokens phone;
    Tokens laptop;

    @BeforeEach
    void twoDevices() {
        api = new ApiClient(http);
        email = uniqueEmail();
        api.register(email);
        phone = api.loginFrom(email, "CourierPhone/1.0 (Android 15)");
        laptop = api.loginFrom(email, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
    }

    @Test
    void sessions_show_the_user_agent_address_and_last_use_of_each_device() {
        List<JsonNode> sessions = awaitSessions(laptop.accessToken(), 2);

        assertThat(sessions).extracting(session -> session.get("userAgent").asText())
                .containsExactly("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "CourierPhone/1.0 (Android 15)");
        assertThat(sessions).allSatisfy(session -> {
            assertThat(session.get("address").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(session.get("familyId").asText()).isNotBlank();
        });
        Instant phoneLastUsed = Instant.parse(sessions.get(1).get("lastRefreshedAt").asText());

        Tokens refreshed = api.refreshOk(phone.refreshToken());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Instant.parse(
                awaitSessions(refreshed.accessToken(), 2).get(1).get("lastRefreshedAt").asText())).isAfter(phoneLastUsed));
    }

    @Test
    void signing_out_ends_only_the_session_of_the_refresh_token_handed_back() {
        api.send(HttpMethod.POST, "/api/signout", phone.accessToken(), Map.of("refreshToken", phone.refreshToken()))
                .expectStatus().isNoContent();

        expectProblem(api.refresh(phone.refreshToken()), 401, "invalid_refresh_token");
        Tokens stillIn = api.refreshOk(laptop.refreshToken());
        // until the read model has caught up with both the laptop's login and the phone's sign-out
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(awaitSessions(stillIn.accessToken(), 1).get(0).get("userAgent").asText()).contains("Firefox"));
        // again: nothing left to end, and no error
        api.send(HttpMethod.POST, "/api/signout", phone.accessToken(), Map.of("refreshToken", phone.refreshToken()))
                .expectStatus().isNoContent();
    }

    @Test
    void a_refresh_token_of_another_account_or_none_at_all_signs_nobody_out() {
        String other = uniqueEmail();
        api.register(other);
        Tokens theirs = api.login(other);

        expectProblem(api.send(HttpMethod.POST, "/api/signout", phone.accessToken(),
                Map.of("refreshToken", theirs.refreshToken())), 401, "invalid_refresh_token");
        expectProblem(api.send(HttpMethod.POST, "/api/signout", phone.accessToken(),
                Map.of("refreshToken", UUID.randomUUID() + ".c2VjcmV0")), 401, "invalid_refresh_token");
        expectProblem(api.send(HttpMethod.POST, "/api/signout", phone.accessToken(), Map.of("refreshToken", "garbage")),
                401, "invalid_refresh_token");
        api.refreshOk(theirs.refreshToken());
        api.refreshOk(phone.refreshToken());
    }

    @Test
    void a_lost_device_is_signed_out_by_its_session_id() {
        List<JsonNode> sessions = awaitSessions(laptop.accessToken(), 2);
        String phoneSession = sessions.get(1).get("familyId").asText();

        api.delete("/api/sessions/" + phoneSession, laptop.accessToken()).expectStatus().isNoContent();

        expectProblem(api.refresh(phone.refreshToken()), 401, "invalid_refresh_token");
        api.refreshOk(laptop.refreshToken());
        expectProblem(api.delete("/api/sessions/" + UUID.randomUUID(), laptop.accessToken()), 404, "not_found");
        expectProblem(api.delete("/api/sessions/not-a-uuid", laptop.accessToken()), 400, "bad_request");
    }

    @Test
    void another_users_session_id_is_not_found() {
        String phoneSession = awaitSessions(laptop.accessToken(), 2).get(1).get("familyId").asText();
        String other = uniqueEmail();
        api.register(other);

        expectProblem(api.delete("/api/sessions/" + phoneSession, api.login(other).accessToken()), 404, "not_found");
        api.refreshOk(phone.refreshToken());
    }

    private List<JsonNode> awaitSessions(String accessToken, int count) {
        List<JsonNode> sessions = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            sessions.clear();
            json(api.get("/api/sessions", accessToken)).forEach(sessions::add);
            assertThat(sessions).hasSize(count);
            assertThat(sessions).allSatisfy(session -> assertThat(session.get("userAgent").isNull()).isFalse());
        });
        return sessions;
    }
}
