package io.courier.gateway.abuse;

import io.courier.gateway.support.Http;
import io.courier.gateway.support.StrictLimitsIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits in this context: login 3/h per account and 5/h per address, registration 2/h per address, password
 * reset requests 2/h per address, mails asked for by a signed-in account 2/h.
 * Loopback is a trusted proxy here, so {@code X-Forwarded-For} names the client address.
 */
@StrictLimitsIntegrationTest
class RateLimitTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    WebTestClient http;

    @BeforeEach
    void client() {
        http = Http.freshConnections(port);
    }

    @Test
    void logins_naming_one_account_are_limited_from_any_address_and_in_any_case() {
        String email = uniqueEmail();
        register(email, someAddress()).expectStatus().isCreated();

        expectProblem(login(email, "wrong password one", someAddress()), 401, "invalid_credentials");
        expectProblem(login(email.toUpperCase(), "wrong password two", someAddress()), 401, "invalid_credentials");
        expectProblem(login("  " + email + " ", "wrong password three", someAddress()), 401, "invalid_credentials");

        expectRateLimited(login(email, PASSWORD, someAddress()));
        login(uniqueEmail(), PASSWORD, someAddress()).expectStatus().isUnauthorized(); // other accounts unaffected
    }

    @Test
    void a_throttled_login_sends_no_command_even_with_the_right_password() {
        String email = uniqueEmail();
        UUID userId = register(email, someAddress()).expectStatus().isCreated()
                .expectBody(Registered.class).returnResult().getResponseBody().userId();
        for (int i = 0; i < 3; i++) {
            login(email, "wrong password " + i, someAddress()).expectStatus().isUnauthorized();
        }
        int eventsBefore = eventsOf(userId);

        expectRateLimited(login(email, PASSWORD, someAddress()));

        assertThat(eventsOf(userId)).as("no refresh token issued").isEqualTo(eventsBefore);
    }

    @Test
    void logins_from_one_address_are_limited_whatever_account_they_name() {
        String address = someAddress();
        for (int i = 0; i < 5; i++) {
            login(uniqueEmail(), PASSWORD, address).expectStatus().isUnauthorized();
        }

        expectRateLimited(login(uniqueEmail(), PASSWORD, address));
        login(uniqueEmail(), PASSWORD, someAddress()).expectStatus().isUnauthorized(); // other addresses unaffected
    }

    @Test
    void registrations_from_one_address_are_limited() {
        String address = someAddress();
        register(uniqueEmail(), address).expectStatus().isCreated();
        register(uniqueEmail(), address).expectStatus().isCreated();

        String email = uniqueEmail();
        long retryAfter = expectRateLimited(register(email, address));

        // 2 per hour, refilled one by one: the next comes back within half an hour
        assertThat(retryAfter).isBetween(1L, 1800L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM email_registry WHERE email = ?", Integer.class, email))
                .isZero();
        register(uniqueEmail(), someAddress()).expectStatus().isCreated();
    }

    @Test
    void a_client_cannot_escape_its_limit_by_forging_x_forwarded_for() {
        // The proxy appends the address it saw; whatever the client put before that is ignored.
        String seenByProxy = someAddress();
        register(uniqueEmail(), "198.51.100.1, " + seenByProxy).expectStatus().isCreated();
        register(uniqueEmail(), "198.51.100.2, " + seenByProxy).expectStatus().isCreated();

        expectRateLimited(register(uniqueEmail(), "198.51.100.3, " + seenByProxy));
    }

    @Test
    void password_reset_requests_from_one_address_are_limited_whatever_address_they_name() {
        String address = someAddress();
        post("/auth/password/request", Map.of("email", uniqueEmail()), address).expectStatus().isAccepted();
        post("/auth/password/request", Map.of("email", uniqueEmail()), address).expectStatus().isAccepted();

        expectRateLimited(post("/auth/password/request", Map.of("email", uniqueEmail()), address));
        post("/auth/password/request", Map.of("email", uniqueEmail()), someAddress()).expectStatus().isAccepted();
    }

    @Test
    void the_mails_one_account_makes_the_server_send_are_limited() {
        String email = uniqueEmail();
        register(email, someAddress()).expectStatus().isCreated();
        String access = http.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", someAddress()).bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("accessToken").toString();
        for (int i = 0; i < 2; i++) {
            http.post().uri("/api/token/email_confirm").headers(h -> h.setBearerAuth(access)).exchange()
                    .expectStatus().isAccepted();
        }

        expectRateLimited(http.post().uri("/api/token/email_change").headers(h -> h.setBearerAuth(access))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", uniqueEmail())).exchange());
    }

    private WebTestClient.ResponseSpec login(String email, String password, String forwardedFor) {
        return post("/auth/login", Map.of("email", email, "password", password), forwardedFor);
    }

    private WebTestClient.ResponseSpec register(String email, String forwardedFor) {
        return post("/auth/register", Map.of("email", email, "password", PASSWORD), forwardedFor);
    }

    private WebTestClient.ResponseSpec post(String path, Object body, String forwardedFor) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", forwardedFor)
                .bodyValue(body).exchange();
    }

    /** Asserts a 429 rate_limited problem and returns its Retry-After, whole seconds. */
    private static long expectRateLimited(WebTestClient.ResponseSpec response) {
        String retryAfter = response.expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("rate_limited")
                .jsonPath("$.detail").isNotEmpty()
                .returnResult().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(retryAfter).as("Retry-After in whole seconds").matches("[1-9][0-9]*");
        return Long.parseLong(retryAfter);
    }

    private int eventsOf(UUID userId) {
        // the mail outbox's records of deliveries come whenever the mail goes out: not counted
        return jdbc.queryForObject("""
                        SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?
                        AND payloadtype NOT IN ('account.EmailSent', 'account.EmailFailed')""",
                Integer.class, userId.toString());
    }

    /** A client address of its own for each use (10.0.0.0/8 is not trusted here). */
    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    record Registered(UUID userId) {
    }
}
