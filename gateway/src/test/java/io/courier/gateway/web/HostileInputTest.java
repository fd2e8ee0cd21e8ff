package io.courier.gateway.web;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.RawHttp;
import io.courier.gateway.support.StoredWrites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every string field of every route, fed what PostgreSQL, UTF-8 or Jackson choke on: a 4xx problem,
 * never a 500, and nothing stored.
 */
@CourierIntegrationTest
class HostileInputTest {

    // JSON escapes, so the request body itself is valid JSON text
    private static final String NUL = "\\u0000";
    private static final String LONE_HIGH_SURROGATE = "\\ud800";
    private static final String LONE_LOW_SURROGATE = "\\udfff";
    // far over every field's limit, yet under the 64 KB body limit (larger bodies are a 413 before any field is read)
    private static final String HUGE = "x".repeat(20_000);
    private static final String REGISTERED_EMAIL = uniqueEmail();

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(http);
        if (jdbc.queryForObject("SELECT count(*) FROM email_registry WHERE email = ?", Integer.class, REGISTERED_EMAIL) == 0) {
            api.register(REGISTERED_EMAIL);
        }
    }

    record Case(String route, String json, int status, String code) {
        @Override
        public String toString() {
            return route + " " + (json.length() > 120 ? json.substring(0, 120) + "..." : json);
        }
    }

    static Stream<Arguments> hostileFields() {
        List<Case> cases = new ArrayList<>();
        String email = uniqueEmail();
        String validToken = UUID.randomUUID() + ".c2VjcmV0";
        for (String hostile : new String[]{NUL, LONE_HIGH_SURROGATE, LONE_LOW_SURROGATE}) {
            cases.add(new Case("/auth/register", register("ab" + hostile + "cd@example.com", PASSWORD, null), 422, "invalid_email"));
            cases.add(new Case("/auth/register", register(email, PASSWORD + hostile, null), 422, "weak_password"));
            cases.add(new Case("/auth/register", register(email, PASSWORD, "Ada" + hostile), 422, "invalid_display_name"));
            cases.add(new Case("/auth/login", login(REGISTERED_EMAIL + hostile, PASSWORD), 401, "invalid_credentials"));
            cases.add(new Case("/auth/login", login("a" + hostile + REGISTERED_EMAIL, PASSWORD), 401, "invalid_credentials"));
            cases.add(new Case("/auth/login", login(REGISTERED_EMAIL, PASSWORD + hostile), 401, "invalid_credentials"));
            cases.add(new Case("/auth/refresh", refresh(validToken + hostile), 401, "invalid_refresh_token"));
            cases.add(new Case("/auth/refresh", refresh(hostile + validToken), 401, "invalid_refresh_token"));
        }
        cases.add(new Case("/auth/register", register(HUGE + "@example.com", PASSWORD, null), 422, "invalid_request"));
        cases.add(new Case("/auth/register", register(email, HUGE, null), 422, "invalid_request"));
        cases.add(new Case("/auth/register", register(email, PASSWORD, HUGE), 422, "invalid_request"));
        cases.add(new Case("/auth/login", login(HUGE, PASSWORD), 422, "invalid_request"));
        cases.add(new Case("/auth/login", login(REGISTERED_EMAIL, HUGE), 422, "invalid_request"));
        cases.add(new Case("/auth/refresh", refresh(validToken + HUGE), 422, "invalid_request"));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("hostileFields")
    void hostile_strings_in_any_field_are_refused_without_storing_anything(Case hostile) {
        StoredWrites before = StoredWrites.count(jdbc);

        expectProblem(api.postRaw(hostile.route(), hostile.json()), hostile.status(), hostile.code());

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    @Test
    void a_raw_nul_byte_in_the_body_is_unreadable_json() {
        expectProblem(api.postRaw("/auth/register", register("ab\u0000cd@example.com", PASSWORD, null)), 400, "bad_request");
    }

    /**
     * Refused by its declared length, before a byte of it is read; the connection is closed then, as the rest of
     * the body is not wanted (so this is sent on a raw socket: an HTTP client still sending sees the close).
     */
    @Test
    void a_body_beyond_the_limit_is_refused_before_it_is_read() throws Exception {
        StoredWrites before = StoredWrites.count(jdbc);

        RawHttp.Response refused = new RawHttp(port).send("POST /auth/register HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000000\r\n");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().get("code").asText()).isEqualTo("payload_too_large");
        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    @Test
    void content_after_the_json_body_is_a_400() {
        StoredWrites before = StoredWrites.count(jdbc);

        expectProblem(api.postRaw("/auth/register", register(uniqueEmail(), PASSWORD, null) + " ]]] {"),
                400, "bad_request");
        expectProblem(api.postRaw("/auth/register", register(uniqueEmail(), PASSWORD, null) + " {}"),
                400, "bad_request");

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    @Test
    void duplicate_keys_are_a_400() {
        StoredWrites before = StoredWrites.count(jdbc);

        expectProblem(api.postRaw("/auth/register", "{\"email\":\"" + uniqueEmail() + "\",\"email\":\"" + uniqueEmail()
                + "\",\"password\":\"" + PASSWORD + "\"}"), 400, "bad_request");
        expectProblem(api.postRaw("/auth/login", "{\"email\":\"" + REGISTERED_EMAIL + "\",\"password\":\"wrong password!\","
                + "\"password\":\"" + PASSWORD + "\"}"), 400, "bad_request");

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    private static String register(String email, String password, String displayName) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\""
                + (displayName == null ? "" : ",\"displayName\":\"" + displayName + "\"") + "}";
    }

    private static String login(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String refresh(String token) {
        return "{\"refreshToken\":\"" + token + "\"}";
    }
}
