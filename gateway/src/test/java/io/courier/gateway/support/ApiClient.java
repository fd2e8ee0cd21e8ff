package io.courier.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;
import java.util.UUID;

/** The calls a chat client makes, over real HTTP, for tests to read like user stories. */
public record ApiClient(WebTestClient http) {

    public static final String PASSWORD = "correct horse battery staple";

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public WebTestClient.ResponseSpec post(String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec postRaw(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    public UUID register(String email) {
        JsonNode body = post("/auth/register", Map.of("email", email, "password", PASSWORD))
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return UUID.fromString(body.get("userId").asText());
    }

    public Tokens login(String email) {
        return tokens(post("/auth/login", Map.of("email", email, "password", PASSWORD)).expectStatus().isOk());
    }

    public WebTestClient.ResponseSpec refresh(String refreshToken) {
        return post("/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    public Tokens refreshOk(String refreshToken) {
        return tokens(refresh(refreshToken).expectStatus().isOk());
    }

    /** Lets the grace period after a rotation pass, so that presenting a rotated token again counts as reuse. */
    public static void waitOutReuseGrace() {
        try {
            Thread.sleep(CourierIntegrationTest.REUSE_GRACE_SECONDS * 1000L + 200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public WebTestClient.ResponseSpec get(String path, String accessToken) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    public WebTestClient.ResponseSpec postAuthenticated(String path, String accessToken) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    /** Any method with a JSON body, signed in with {@code accessToken}. */
    public WebTestClient.ResponseSpec send(HttpMethod method, String path, String accessToken, Object body) {
        return http.method(method).uri(path).headers(h -> h.setBearerAuth(accessToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec delete(String path, String accessToken) {
        return http.delete().uri(path).headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    /** A login from a device that names itself in {@code User-Agent}. */
    public Tokens loginFrom(String email, String userAgent) {
        return tokens(http.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, userAgent)
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange().expectStatus().isOk());
    }

    public Tokens login(String email, String password) {
        return tokens(post("/auth/login", Map.of("email", email, "password", password)).expectStatus().isOk());
    }

    /** The body of a 2xx answer, as JSON. */
    public static JsonNode json(WebTestClient.ResponseSpec response) {
        return response.expectStatus().is2xxSuccessful().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Asserts an RFC 9457 problem body with the given status and machine-readable code. */
    public static void expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.detail").isNotEmpty();
    }

    private static Tokens tokens(WebTestClient.ResponseSpec response) {
        JsonNode body = response.expectBody(JsonNode.class).returnResult().getResponseBody();
        return new Tokens(body.get("accessToken").asText(), body.get("refreshToken").asText(),
                body.get("expiresIn").asLong(), body.get("tokenType").asText());
    }

    public record Tokens(String accessToken, String refreshToken, long expiresIn, String tokenType) {
    }
}
