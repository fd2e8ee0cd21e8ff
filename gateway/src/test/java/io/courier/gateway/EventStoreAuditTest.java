package io.courier.gateway;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** What an auditor finds when reading the event store directly with SQL. */
@CourierIntegrationTest
class EventStoreAuditTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void every_account_change_is_a_readable_json_event_in_order() {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        UUID userId = api.register(email);
        Tokens stolen = api.login(email);
        api.refreshOk(stolen.refreshToken());
        ApiClient.waitOutReuseGrace();
        api.refresh(stolen.refreshToken()).expectStatus().isUnauthorized();
        api.postAuthenticated("/api/signout_all", api.login(email).accessToken()).expectStatus().isNoContent();

        // the mail outbox records its deliveries in the same stream, whenever they happen: left out here
        List<String> types = jdbc.queryForList("""
                SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?
                AND payloadtype NOT IN ('account.EmailSent', 'account.EmailFailed') ORDER BY sequencenumber""",
                String.class, userId.toString());
        assertThat(types).containsExactly(
                "account.UserRegistered", "account.EmailConfirmationRequested", "account.RefreshTokenIssued", "account.RefreshTokenRotated",
                "account.RefreshTokenReuseDetected", "account.RefreshTokenFamilyRevoked", "account.RefreshTokenIssued",
                "account.RefreshTokensRevoked");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'account.RefreshTokensRevoked'""", String.class, userId.toString()))
                .isEqualTo("SIGN_OUT_EVERYWHERE");
    }

    @Test
    void no_password_refresh_token_or_personal_data_is_stored_in_plain_text() {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        UUID userId = api.register(email);
        Tokens tokens = api.login(email);
        String secret = tokens.refreshToken().substring(tokens.refreshToken().indexOf('.') + 1);

        String stored = String.join("\n", jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?",
                String.class, userId.toString()));

        // personal data and the password hash are sealed under the user's data key
        assertThat(stored).contains("sealedEmail").contains("sealedPasswordHash")
                .doesNotContain(email).doesNotContain("$argon2id$")
                .doesNotContain(PASSWORD).doesNotContain(secret);
    }
}
