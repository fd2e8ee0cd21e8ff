package io.courier.gateway.web;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.RawHttp;
import io.courier.gateway.support.StoredWrites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.util.Map;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** Errors raised by the framework rather than our handlers are problem+json with a stable code as well. */
@CourierIntegrationTest
class FrameworkErrorsTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;
    ApiClient api;
    RawHttp raw;

    @BeforeEach
    void client() {
        api = new ApiClient(http);
        raw = new RawHttp(port);
    }

    @Test
    void a_request_answered_406_does_not_run_its_command() {
        String email = uniqueEmail();
        StoredWrites before = StoredWrites.count(jdbc);

        WebTestClient.ResponseSpec response = http.post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_HTML)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange();

        expectProblem(response, 406, "not_acceptable");
        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
        api.register(email);
    }

    @Test
    void a_login_answered_406_opens_no_session() {
        String email = uniqueEmail();
        api.register(email);
        StoredWrites before = StoredWrites.count(jdbc);

        expectProblem(http.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_PLAIN)
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange(), 406, "not_acceptable");

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    @Test
    void json_and_problem_json_clients_are_served() {
        http.post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(Map.of("email", uniqueEmail(), "password", PASSWORD))
                .exchange().expectStatus().isCreated();
        expectProblem(http.post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(Map.of("email", "nope", "password", PASSWORD))
                .exchange(), 422, "invalid_email");
    }

    @Test
    void unknown_routes_are_404_even_without_a_token() {
        expectProblem(http.get().uri("/nowhere").exchange(), 404, "not_found");
        expectProblem(http.get().uri("/api/nowhere").exchange(), 404, "not_found");
        expectProblem(http.post().uri("/api/me/too").exchange(), 404, "not_found");
        expectProblem(http.get().uri("/auth/nowhere").exchange(), 404, "not_found");
    }

    @Test
    void existing_api_routes_still_need_a_token() {
        expectProblem(http.get().uri("/api/me").exchange(), 401, "unauthenticated");
        expectProblem(http.post().uri("/api/signout_all").exchange(), 401, "unauthenticated");
        expectProblem(http.delete().uri("/api/me").exchange(), 401, "unauthenticated");
    }

    @Test
    void a_wrong_method_is_405() {
        expectProblem(http.get().uri("/auth/register").exchange(), 405, "method_not_allowed");
        String email = uniqueEmail();
        api.register(email);
        String token = api.login(email).accessToken();
        expectProblem(http.delete().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange(),
                405, "method_not_allowed");
    }

    @Test
    void malformed_paths_are_400() throws IOException {
        for (String path : new String[]{"/api/%", "/api/%zz", "/api/..;/me", "/api/%00", "/auth/register%00",
                "/api/me;jsessionid=x", "/api/%2e%2e/auth/login", "/api//me"}) {
            RawHttp.Response response = raw.get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).as(path).isEqualTo("bad_request");
        }
    }

    @Test
    void answers_to_head_requests_stay_without_a_body() throws IOException {
        RawHttp.Response response = raw.send("HEAD /api/% HTTP/1.1\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void oversized_request_headers_are_431() throws IOException {
        RawHttp.Response response = raw.send("GET /api/me HTTP/1.1\r\nX-Padding: " + "x".repeat(20_000) + "\r\n");

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("request_header_fields_too_large");
    }

    @Test
    void an_oversized_request_line_is_414() throws IOException {
        RawHttp.Response response = raw.get("/api/" + "x".repeat(20_000));

        assertThat(response.status()).isEqualTo(414);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("uri_too_long");
    }
}
