package io.courier.gateway.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.DatabaseTraces;
import io.courier.gateway.support.LegacyAccounts;
import io.courier.gateway.support.TestMailServer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.json;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The right to be forgotten, though events are never changed: deleting the account destroys its data key. */
@CourierIntegrationTest
class AccountDeletionTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestMailServer mails;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    PasswordEncoder passwordEncoder;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void after_deletion_and_a_replay_no_trace_of_the_users_personal_data_is_readable_anywhere_in_the_database() {
        String mark = UUID.randomUUID().toString().substring(0, 8);
        String typed = "Forget.Me." + mark + "@Example.COM";
        String address = typed.toLowerCase();
        String later = "forget.me.later." + mark + "@example.net";
        String name = "Forgettable " + mark;
        String renamed = "Renamed " + mark;
        String device = "Device-" + mark + "/1.0";
        String page = "/pages/visited-" + mark;
        api.post("/auth/register", Map.of("email", typed, "password", PASSWORD, "displayName", name))
                .expectStatus().isCreated();
        api.post("/auth/confirm", Map.of("token", mails.awaitMail(address, EmailConfirmationTest.CONFIRM_SUBJECT).token()))
                .expectStatus().isOk();
        Tokens tokens = api.loginFrom(address, device);
        String access = tokens.accessToken();
        api.send(HttpMethod.PATCH, "/api/profile", access, Map.of("displayName", renamed, "recents", List.of(page)))
                .expectStatus().isNoContent();
        api.send(HttpMethod.POST, "/api/token/email_change", access, Map.of("email", later)).expectStatus().isAccepted();
        api.post("/auth/confirm", Map.of("token", mails.awaitMail(later, EmailChangeTest.CHANGE_SUBJECT).token()))
                .expectStatus().isOk();
        api.post("/auth/password/request", Map.of("email", later)).expectStatus().isAccepted();
        mails.awaitMail(later, PasswordResetTest.RESET_SUBJECT);
        mails.awaitMail(address, EmailChangeTest.NOTICE_SUBJECT);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json(api.get("/api/profile", access))
                .get("email").asText()).isEqualTo(later));
        assertThat(DatabaseTraces.of(jdbc, later)).as("readable before deletion, in the read model").isNotEmpty();

        expectProblem(api.send(HttpMethod.DELETE, "/api/account", access, Map.of("currentPassword", "not my password")),
                403, "incorrect_password");
        api.send(HttpMethod.DELETE, "/api/account", access, Map.of("currentPassword", PASSWORD))
                .expectStatus().isNoContent();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", access).expectStatus().isNotFound());
        replay("accounts");
        replay("mail");
        assertThat(DatabaseTraces.of(jdbc, typed, later, name, renamed, device, page)).isEmpty();

        // the account is gone for every route; its addresses are free again
        expectProblem(api.post("/auth/login", Map.of("email", later, "password", PASSWORD)), 401, "invalid_credentials");
        expectProblem(api.refresh(tokens.refreshToken()), 401, "invalid_refresh_token");
        expectProblem(api.get("/api/profile", access), 404, "not_found");
        expectProblem(api.postAuthenticated("/api/token/email_confirm", access), 404, "not_found");
        api.register(later);
        api.register(typed);
    }

    @Test
    void other_accounts_survive_the_replay_whole_and_the_deleted_one_has_no_row_for_others_to_show() {
        String keptEmail = uniqueEmail();
        api.post("/auth/register", Map.of("email", keptEmail, "password", PASSWORD, "displayName", "Keeper"))
                .expectStatus().isCreated();
        String goneEmail = uniqueEmail();
        UUID gone = api.register(goneEmail);
        String goneAccess = api.login(goneEmail).accessToken();
        String keptAccess = api.login(keptEmail).accessToken();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", goneAccess).expectStatus().isOk());

        api.send(HttpMethod.DELETE, "/api/account", goneAccess, Map.of("currentPassword", PASSWORD))
                .expectStatus().isNoContent();
        replay("accounts");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode kept = json(api.get("/api/me", keptAccess));
            assertThat(kept.get("displayName").asText()).isEqualTo("Keeper");
            assertThat(json(api.get("/api/sessions", keptAccess))).hasSize(1);
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_view WHERE user_id = ?", Integer.class, gone)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM session_view WHERE user_id = ?", Integer.class, gone)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM email_registry WHERE user_id = ?", Integer.class, gone)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_key WHERE user_id = ?", Integer.class, gone))
                .isZero();
    }

    @Test
    void an_account_stored_before_personal_data_was_sealed_is_forgotten_as_well() {
        UUID userId = UUID.randomUUID();
        String email = "legacy-" + UUID.randomUUID() + "@example.com";
        LegacyAccounts.store(jdbc, passwordEncoder, userId, email);
        String access = api.login(email).accessToken();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", access).expectStatus().isOk());

        api.send(HttpMethod.DELETE, "/api/account", access, Map.of("currentPassword", PASSWORD))
                .expectStatus().isNoContent();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", access).expectStatus().isNotFound());
        assertThat(DatabaseTraces.of(jdbc, email)).isEmpty();
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber = 0""", String.class, userId.toString()))
                .doesNotContain("passwordHash").doesNotContain("displayName").contains("registeredAt");
    }

    @Test
    void deleting_needs_the_current_password_and_a_body() {
        String email = uniqueEmail();
        api.register(email);
        String access = api.login(email).accessToken();

        expectProblem(api.send(HttpMethod.DELETE, "/api/account", access, Map.of()), 422, "invalid_request");
        expectProblem(api.delete("/api/account", access), 415, "unsupported_media_type");
        api.login(email);
    }

    /** Rebuilds what the processor feeds from the whole event store and waits until it has caught up. */
    private void replay(String processorName) {
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        StreamingEventProcessor processor = processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        // a replay counts as one until an event beyond it arrives: the position is what tells it caught up
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
    }
}
