package io.courier.gateway.auth;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import io.courier.api.account.SealedFields;
import io.courier.vault.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An address has one canonical form (NFKC, lower case): stored, unique, and what logins match. */
@CourierIntegrationTest
class EmailIdentityTest {

    private static final char KELVIN_SIGN = '\u212A'; // looks like K, NFKC-normalises to K

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalData personalData;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void a_lookalike_address_registers_its_canonical_form_everywhere() {
        String local = "kate-" + UUID.randomUUID().toString().substring(0, 13); // short enough to be the display name
        String canonical = local + "@example.com";

        UUID userId = api.register(KELVIN_SIGN + local.substring(1) + "@Example.com");

        assertThat(jdbc.queryForObject("SELECT email FROM email_registry WHERE user_id = ?", String.class, userId))
                .isEqualTo(canonical);
        String sealed = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'sealedEmail' FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'account.UserRegistered'""",
                String.class, userId.toString());
        assertThat(personalData.open(userId, SealedFields.EMAIL, sealed)).contains(canonical);
        Tokens tokens = api.login(canonical);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", tokens.accessToken())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo(canonical)
                .jsonPath("$.displayName").isEqualTo(local));
    }

    @Test
    void a_lookalike_of_a_registered_address_is_taken() {
        String local = "kate-" + UUID.randomUUID();
        api.register(local + "@example.com");

        expectProblem(api.post("/auth/register", Map.of("email", KELVIN_SIGN + local.substring(1) + "@example.com",
                "password", PASSWORD)), 409, "email_taken");
        String fullWidthAt = local + "\uFF20example.com";
        expectProblem(api.post("/auth/register", Map.of("email", fullWidthAt, "password", PASSWORD)),
                409, "email_taken");
        api.login(KELVIN_SIGN + local.substring(1) + "@example.com");
    }

    @Test
    void invisible_and_control_characters_in_an_address_are_refused() {
        for (String email : new String[]{"ka\u200Bte@example.com", "kate@exam\u202Eelpmoc.com", "\uFEFFkate@example.com",
                "kate\u0007@example.com"}) {
            expectProblem(api.post("/auth/register", Map.of("email", email, "password", PASSWORD)),
                    422, "invalid_email");
        }
    }

    @Test
    void display_names_are_stored_in_nfc_and_refuse_invisible_characters() {
        String email = uniqueEmail();
        api.post("/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "Zoe\u0308"))
                .expectStatus().isCreated();
        Tokens tokens = api.login(email);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", tokens.accessToken())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.displayName").isEqualTo("Zo\u00EB"));

        for (String name : new String[]{"Ada\u202E", "\u200B", "A\u2066da"}) {
            expectProblem(api.post("/auth/register", Map.of("email", uniqueEmail(), "password", PASSWORD,
                    "displayName", name)), 422, "invalid_display_name");
        }
    }

    @Test
    void a_password_typed_in_another_normalisation_form_logs_in() {
        String email = uniqueEmail();
        String composed = "caf\u00E9 au lait, s'il vous pla\u00EEt";
        String decomposed = "cafe\u0301 au lait, s'il vous plai\u0302t";
        api.post("/auth/register", Map.of("email", email, "password", composed)).expectStatus().isCreated();

        api.post("/auth/login", Map.of("email", email, "password", decomposed)).expectStatus().isOk();
        api.post("/auth/login", Map.of("email", email, "password", composed)).expectStatus().isOk();
    }
}
