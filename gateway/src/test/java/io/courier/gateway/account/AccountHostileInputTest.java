package io.courier.gateway.account;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.StoredWrites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
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
 * Every string field of every account route, fed what PostgreSQL, UTF-8 or Jackson choke on: a 4xx problem
 * with a stable code, never a 500, and nothing stored. Tokens and passwords that are never right anyway get
 * the answer a wrong one gets.
 */
@CourierIntegrationTest
class AccountHostileInputTest {

    // JSON escapes, so the request body itself is valid JSON text
    private static final String NUL = "\\u0000";
    private static final String LONE_HIGH_SURROGATE = "\\ud800";
    private static final String LONE_LOW_SURROGATE = "\\udfff";
    // far over every field's limit, yet under the 64 KB body limit (larger bodies are a 413 before any field is read)
    private static final String HUGE = "x".repeat(20_000);
    private static final String EMAIL = uniqueEmail();
    private static final String SOME_TOKEN = UUID.randomUUID() + ".c2VjcmV0";
    private static String accessToken;
    private static UUID userId;

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient api;

    @BeforeEach
    void signedIn() {
        api = new ApiClient(http);
        if (accessToken == null) {
            userId = api.register(EMAIL);
            accessToken = api.login(EMAIL).accessToken();
        }
    }

    /** {@code signedIn}: sent with the access token of the account registered above. */
    record Case(HttpMethod method, String route, boolean signedIn, String json, int status, String code) {
        @Override
        public String toString() {
            return method + " " + route + " " + (json.length() > 100 ? json.substring(0, 100) + "..." : json);
        }
    }

    static Stream<Arguments> hostileFields() {
        List<Case> cases = new ArrayList<>();
        for (String hostile : new String[]{NUL, LONE_HIGH_SURROGATE, LONE_LOW_SURROGATE}) {
            cases.add(open("/auth/confirm", json("token", SOME_TOKEN + hostile), 422, "invalid_token"));
            cases.add(open("/auth/confirm", json("token", hostile + SOME_TOKEN), 422, "invalid_token"));
            cases.add(open("/auth/password/request", json("email", "ab" + hostile + "cd@example.com"), 422, "invalid_email"));
            cases.add(open("/auth/password/confirm", json("token", SOME_TOKEN + hostile), 422, "invalid_token"));
            cases.add(open("/auth/password/reset", json("token", SOME_TOKEN + hostile, "password", PASSWORD), 422,
                    "invalid_token"));
            cases.add(open("/auth/password/reset", json("token", SOME_TOKEN, "password", PASSWORD + hostile), 422,
                    "invalid_token"));
            cases.add(signedIn(HttpMethod.POST, "/api/token/email_change", json("email", "a" + hostile + "@example.com"),
                    422, "invalid_email"));
            cases.add(signedIn(HttpMethod.PATCH, "/api/email", json("email", "a" + hostile + "@example.com",
                    "currentPassword", PASSWORD), 422, "invalid_email"));
            cases.add(signedIn(HttpMethod.PATCH, "/api/email", json("email", uniqueEmail(),
                    "currentPassword", PASSWORD + hostile), 403, "incorrect_password"));
            cases.add(signedIn(HttpMethod.PATCH, "/api/password", json("currentPassword", PASSWORD + hostile,
                    "newPassword", "a brand new passphrase"), 403, "incorrect_password"));
            cases.add(signedIn(HttpMethod.PATCH, "/api/password", json("currentPassword", PASSWORD,
                    "newPassword", "a brand new passphrase" + hostile), 422, "weak_password"));
            cases.add(signedIn(HttpMethod.PATCH, "/api/profile", json("displayName", "Ada" + hostile), 422,
                    "invalid_display_name"));
            cases.add(signedIn(HttpMethod.PATCH, "/api/profile", json("theme", "day" + hostile), 422, "invalid_theme"));
            cases.add(signedIn(HttpMethod.PATCH, "/api/profile", "{\"recents\":[\"/a" + hostile + "\"]}", 422,
                    "invalid_recents"));
            cases.add(signedIn(HttpMethod.POST, "/api/recents", json("page", "/a" + hostile), 422, "invalid_recents"));
            cases.add(signedIn(HttpMethod.POST, "/api/signout", json("refreshToken", hostile + SOME_TOKEN), 401,
                    "invalid_refresh_token"));
            cases.add(signedIn(HttpMethod.DELETE, "/api/account", json("currentPassword", PASSWORD + hostile), 403,
                    "incorrect_password"));
        }
        cases.add(open("/auth/confirm", json("token", HUGE), 422, "invalid_request"));
        cases.add(open("/auth/password/request", json("email", HUGE + "@example.com"), 422, "invalid_request"));
        cases.add(open("/auth/password/confirm", json("token", HUGE), 422, "invalid_request"));
        cases.add(open("/auth/password/reset", json("token", SOME_TOKEN, "password", HUGE), 422, "invalid_request"));
        cases.add(signedIn(HttpMethod.POST, "/api/token/email_change", json("email", HUGE), 422, "invalid_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/email", json("email", HUGE, "currentPassword", PASSWORD), 422,
                "invalid_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/password", json("currentPassword", PASSWORD, "newPassword", HUGE), 422,
                "invalid_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/profile", json("displayName", HUGE), 422, "invalid_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/profile", "{\"recents\":[\"" + HUGE + "\"]}", 422, "invalid_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/profile", "{\"textMagnification\":1e400}", 422,
                "invalid_text_magnification"));
        cases.add(signedIn(HttpMethod.POST, "/api/recents", json("page", HUGE), 422, "invalid_request"));
        cases.add(signedIn(HttpMethod.POST, "/api/signout", json("refreshToken", HUGE), 422, "invalid_request"));
        cases.add(signedIn(HttpMethod.DELETE, "/api/account", json("currentPassword", HUGE), 422, "invalid_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/profile", "{\"hidden\":\"yes\"}", 400, "bad_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/profile", "{\"recents\":\"/a\"}", 400, "bad_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/profile", "{\"recents\":[null]}", 422, "invalid_request"));
        cases.add(signedIn(HttpMethod.PATCH, "/api/profile", "{\"theme\":\"day\",\"theme\":\"night\"}", 400, "bad_request"));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("hostileFields")
    void hostile_strings_in_any_field_are_refused_without_storing_anything(Case hostile) {
        StoredWrites before = StoredWrites.count(jdbc);

        WebTestClient.RequestBodySpec request = http.method(hostile.method()).uri(hostile.route())
                .contentType(MediaType.APPLICATION_JSON);
        if (hostile.signedIn()) {
            request = request.headers(headers -> headers.setBearerAuth(accessToken));
        }
        expectProblem(request.bodyValue(hostile.json()).exchange(), hostile.status(), hostile.code());

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    @Test
    void a_session_id_that_is_no_uuid_or_hides_a_nul_is_a_400() {
        StoredWrites before = StoredWrites.count(jdbc);

        expectProblem(api.delete("/api/sessions/" + HUGE.substring(0, 200), accessToken), 400, "bad_request");
        expectProblem(api.delete("/api/sessions/%00", accessToken), 400, "bad_request");

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    @Test
    void the_account_is_untouched_by_all_of_it() {
        api.login(EMAIL);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM email_registry WHERE user_id = ?", Integer.class, userId))
                .isEqualTo(1);
    }

    private static Case open(String route, String json, int status, String code) {
        return new Case(HttpMethod.POST, route, false, json, status, code);
    }

    private static Case signedIn(HttpMethod method, String route, String json, int status, String code) {
        return new Case(method, route, true, json, status, code);
    }

    private static String json(String... namesAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            json.append(i == 0 ? "" : ",").append('"').append(namesAndValues[i]).append("\":\"")
                    .append(namesAndValues[i + 1]).append('"');
        }
        return json.append('}').toString();
    }
}
