package io.courier.gateway.auth;

import io.courier.api.account.SealedFields;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.vault.PersonalData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

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

@CourierIntegrationTest
class RegistrationTest {

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
    void registering_answers_201_with_the_new_user_id() {
        api.post("/auth/register", Map.of("email", uniqueEmail(), "password", PASSWORD, "displayName", "Ada"))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/me")
                .expectBody().jsonPath("$.userId").isNotEmpty();
    }

    @Test
    void an_email_can_be_registered_only_once_whatever_its_case() {
        String email = uniqueEmail();
        api.register(email);

        expectProblem(api.post("/auth/register", Map.of("email", "  " + email.toUpperCase() + " ", "password", PASSWORD)),
                409, "email_taken");
    }

    @Test
    void of_concurrent_registrations_with_one_email_exactly_one_wins() throws Exception {
        String email = uniqueEmail();
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String variant = i % 2 == 0 ? email : email.toUpperCase();
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.post("/auth/register", Map.of("email", variant, "password", PASSWORD))
                            .returnResult(String.class).getStatus().value();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).containsOnlyOnce(201).containsOnly(201, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM email_registry WHERE email = ?", Integer.class, email))
                .isEqualTo(1);
        // addresses are sealed in events: open every registration's to count those of this address
        long registrations = jdbc.queryForList("""
                        SELECT aggregateidentifier, convert_from(payload, 'UTF8')::jsonb ->> 'sealedEmail' AS sealed
                        FROM domainevententry WHERE payloadtype = 'account.UserRegistered'""").stream()
                .filter(row -> personalData.open(UUID.fromString((String) row.get("aggregateidentifier")),
                        SealedFields.EMAIL, (String) row.get("sealed")).filter(email::equalsIgnoreCase).isPresent())
                .count();
        assertThat(registrations).isEqualTo(1);
    }

    @Test
    void a_short_password_is_refused_with_the_rule() {
        api.post("/auth/register", Map.of("email", uniqueEmail(), "password", "elevenchars"))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("weak_password")
                .jsonPath("$.detail").isEqualTo("Password must be at least 12 characters long");
    }

    @Test
    void an_invalid_email_is_refused() {
        expectProblem(api.post("/auth/register", Map.of("email", "not-an-email", "password", PASSWORD)),
                422, "invalid_email");
    }

    @Test
    void an_overlong_display_name_is_refused() {
        expectProblem(api.post("/auth/register",
                Map.of("email", uniqueEmail(), "password", PASSWORD, "displayName", "x".repeat(65))),
                422, "invalid_display_name");
    }

    @Test
    void missing_fields_are_named_in_a_422() {
        api.postRaw("/auth/register", "{\"displayName\":\"nobody\"}")
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("invalid_request")
                .jsonPath("$.errors[?(@.field == 'email')]").exists()
                .jsonPath("$.errors[?(@.field == 'password')]").exists();
    }

    @Test
    void malformed_json_is_a_400() {
        expectProblem(api.postRaw("/auth/register", "{\"email\": \"a@b.c\", \"password\": "), 400, "bad_request");
    }

    @Test
    void wrong_json_types_are_a_400() {
        expectProblem(api.postRaw("/auth/register", "{\"email\": 123, \"password\": \"" + PASSWORD + "\"}"),
                400, "bad_request");
        expectProblem(api.postRaw("/auth/register", "{\"email\": {\"nested\": true}, \"password\": \"" + PASSWORD + "\"}"),
                400, "bad_request");
        expectProblem(api.postRaw("/auth/register", "[]"), 400, "bad_request");
    }

    @Test
    void an_empty_body_is_a_400_and_a_wrong_media_type_a_415() {
        expectProblem(http.post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON).exchange(),
                400, "bad_request");
        expectProblem(http.post().uri("/auth/register").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange(),
                415, "unsupported_media_type");
    }

    @Test
    void rejected_registrations_leave_existing_accounts_untouched() {
        String email = uniqueEmail();
        api.register(email);

        api.post("/auth/register", Map.of("email", email, "password", "another password entirely"));
        api.postRaw("/auth/register", "{\"email\": \"" + email + "\", \"password\": ");

        api.login(email);
        expectProblem(api.post("/auth/login", Map.of("email", email, "password", "another password entirely")),
                401, "invalid_credentials");
    }
}
