package io.courier.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CourierIntegrationTest
class TokenLifecycleTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void login_returns_a_30_minute_bearer_token_and_a_refresh_token() {
        String email = uniqueEmail();
        UUID userId = api.register(email);

        Tokens tokens = api.login(email.toUpperCase());

        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isEqualTo(1800);
        assertThat(tokens.refreshToken()).startsWith(userId + ".");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                api.get("/api/me", tokens.accessToken()).expectStatus().isOk()
                        .expectBody().jsonPath("$.userId").isEqualTo(userId.toString())
                        .jsonPath("$.email").isEqualTo(email));
    }

    @Test
    void a_wrong_password_or_unknown_email_is_the_same_401() {
        String email = uniqueEmail();
        api.register(email);

        expectProblem(api.post("/auth/login", Map.of("email", email, "password", "wrong password here")),
                401, "invalid_credentials");
        expectProblem(api.post("/auth/login", Map.of("email", uniqueEmail(), "password", PASSWORD)),
                401, "invalid_credentials");
    }

    @Test
    void refreshing_rotates_the_pair_and_the_old_refresh_token_stops_working() {
        String email = uniqueEmail();
        api.register(email);
        Tokens first = api.login(email);

        Tokens second = api.refreshOk(first.refreshToken());

        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        api.get("/api/sessions", second.accessToken()).expectStatus().isOk();
        Tokens third = api.refreshOk(second.refreshToken());
        assertThat(third.refreshToken()).isNotEqualTo(second.refreshToken());
    }

    @Test
    void reusing_a_rotated_refresh_token_revokes_the_whole_family() {
        String email = uniqueEmail();
        api.register(email);
        Tokens stolen = api.login(email);
        Tokens legitimate = api.refreshOk(stolen.refreshToken());
        ApiClient.waitOutReuseGrace();

        expectProblem(api.refresh(stolen.refreshToken()), 401, "invalid_refresh_token");

        // the thief's replay signed out the session the legitimate client still holds
        expectProblem(api.refresh(legitimate.refreshToken()), 401, "invalid_refresh_token");
    }

    @Test
    void reuse_detection_spares_the_users_other_sessions() {
        String email = uniqueEmail();
        api.register(email);
        Tokens phone = api.login(email);
        Tokens laptop = api.login(email);
        api.refreshOk(phone.refreshToken());
        ApiClient.waitOutReuseGrace();

        expectProblem(api.refresh(phone.refreshToken()), 401, "invalid_refresh_token");

        api.refreshOk(laptop.refreshToken());
    }

    @Test
    void two_refreshes_racing_with_one_token_both_succeed_and_both_successors_work() throws Exception {
        String email = uniqueEmail();
        api.register(email);
        Tokens first = api.login(email);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService tabs = Executors.newFixedThreadPool(2);
        try {
            List<Future<Tokens>> answers = new ArrayList<>();
            for (int tab = 0; tab < 2; tab++) {
                answers.add(tabs.submit(() -> {
                    start.await();
                    return api.refreshOk(first.refreshToken());
                }));
            }
            start.countDown();
            Tokens one = answers.get(0).get();
            Tokens other = answers.get(1).get();

            assertThat(one.refreshToken()).isNotEqualTo(other.refreshToken());
            api.refreshOk(one.refreshToken());
            api.refreshOk(other.refreshToken());
        } finally {
            tabs.shutdownNow();
        }
    }

    @Test
    void a_reuse_within_the_grace_period_is_recorded_as_such_for_auditors() {
        String email = uniqueEmail();
        UUID userId = api.register(email);
        Tokens first = api.login(email);
        api.refreshOk(first.refreshToken());

        api.refreshOk(first.refreshToken());

        assertThat(jdbc.queryForList("""
                SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?
                AND payloadtype LIKE 'account.RefreshToken%' ORDER BY sequencenumber""",
                String.class, userId.toString())).containsExactly("account.RefreshTokenIssued",
                "account.RefreshTokenRotated", "account.RefreshTokenReusedWithinGrace");
    }

    @Test
    void signing_out_everywhere_also_ends_tokens_still_in_their_grace_period() {
        String email = uniqueEmail();
        api.register(email);
        Tokens first = api.login(email);
        Tokens second = api.refreshOk(first.refreshToken());

        api.postAuthenticated("/api/signout_all", second.accessToken()).expectStatus().isNoContent();

        expectProblem(api.refresh(first.refreshToken()), 401, "invalid_refresh_token");
        expectProblem(api.refresh(second.refreshToken()), 401, "invalid_refresh_token");
    }

    @Test
    void signing_out_everywhere_revokes_every_refresh_token() {
        String email = uniqueEmail();
        api.register(email);
        Tokens phone = api.login(email);
        Tokens laptop = api.login(email);

        api.postAuthenticated("/api/signout_all", phone.accessToken()).expectStatus().isNoContent();

        expectProblem(api.refresh(phone.refreshToken()), 401, "invalid_refresh_token");
        expectProblem(api.refresh(laptop.refreshToken()), 401, "invalid_refresh_token");
        // a fresh login opens a new, working session
        api.refreshOk(api.login(email).refreshToken());
    }

    @Test
    void sessions_lists_active_devices_and_drops_revoked_ones() {
        String email = uniqueEmail();
        api.register(email);
        Tokens phone = api.login(email);
        api.login(email);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sessions(phone.accessToken())).hasSize(2));

        api.postAuthenticated("/api/signout_all", phone.accessToken()).expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sessions(phone.accessToken())).isEmpty());
    }

    @Test
    void each_refresh_moves_the_sessions_last_use_forward() {
        String email = uniqueEmail();
        api.register(email);
        Tokens first = api.login(email);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sessions(first.accessToken())).hasSize(1));
        String startedAt = sessions(first.accessToken()).get(0).get("lastRefreshedAt").asText();

        Tokens second = api.refreshOk(first.refreshToken());
        Tokens third = api.refreshOk(second.refreshToken());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode session = sessions(third.accessToken()).get(0);
            assertThat(session.get("lastRefreshedAt").asText()).isNotEqualTo(startedAt);
            assertThat(java.time.Instant.parse(session.get("lastRefreshedAt").asText()))
                    .isAfter(java.time.Instant.parse(startedAt));
        });
    }

    @Test
    void protected_routes_need_a_valid_access_token() {
        expectProblem(http.post().uri("/api/signout_all").exchange(), 401, "unauthenticated");
        expectProblem(http.get().uri("/api/me").exchange(), 401, "unauthenticated");
        String email = uniqueEmail();
        api.register(email);
        String token = api.login(email).accessToken();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        api.get("/api/me", tampered).expectStatus().isUnauthorized();
        api.get("/api/me", "not.a.jwt").expectStatus().isUnauthorized();
    }

    @Test
    void malformed_refresh_tokens_are_a_401_not_a_500() {
        expectProblem(api.refresh("garbage"), 401, "invalid_refresh_token");
        expectProblem(api.refresh(UUID.randomUUID() + ".secret"), 401, "invalid_refresh_token");
        expectProblem(api.refresh(UUID.randomUUID() + "."), 401, "invalid_refresh_token");
        expectProblem(api.postRaw("/auth/refresh", "{}"), 422, "invalid_request");
        expectProblem(api.postRaw("/auth/refresh", "{\"refreshToken\": 42}"), 400, "bad_request");
    }

    private JsonNode sessions(String accessToken) {
        return api.get("/api/sessions", accessToken).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
