package io.courier.gateway.security;

import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FRONTEND_URL is the default, http://localhost:3000, in the test context. */
@CourierIntegrationTest
class CorsTest {

    private static final String FRONTEND = "http://localhost:3000";

    @Autowired
    WebTestClient http;

    @Test
    void a_preflight_from_the_frontend_is_allowed_even_for_a_protected_route() {
        HttpHeaders headers = http.options().uri("/api/me")
                .header(HttpHeaders.ORIGIN, FRONTEND)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, FRONTEND)
                .returnResult(Void.class).getResponseHeaders();

        assertThat(headers.getAccessControlAllowMethods())
                .contains(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
        assertThat(lowerCase(headers.getAccessControlAllowHeaders())).contains("authorization", "content-type");
        assertThat(headers.getAccessControlAllowCredentials()).isFalse();
    }

    @Test
    void answers_to_the_frontend_expose_retry_after_and_location() {
        HttpHeaders headers = http.post().uri("/auth/login")
                .header(HttpHeaders.ORIGIN, FRONTEND)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .bodyValue("{\"email\":\"nobody@example.com\",\"password\":\"not a password\"}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, FRONTEND)
                .returnResult(Void.class).getResponseHeaders();

        assertThat(lowerCase(headers.getAccessControlExposeHeaders())).contains("retry-after", "location");
    }

    @Test
    void another_origin_gets_no_cors_permission() {
        http.options().uri("/auth/login")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS);

        http.post().uri("/auth/login")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .bodyValue("{\"email\":\"nobody@example.com\",\"password\":\"not a password\"}")
                .exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    private static List<String> lowerCase(List<String> values) {
        return values.stream().map(String::toLowerCase).toList();
    }
}
